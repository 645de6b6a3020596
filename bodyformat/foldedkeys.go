package bodyformat

import "bytes"

// Text served as text/plain is often a YAML document, and as often a
// report, a command's output, a letter: its indented lines are read folded
// (foldKeyed) only where a YAML parser would fold them and a reader of
// text would too, in the scalar a key line opens, its value begun on it
// (note: call 138⏎  1234⏎  5678; note: "138⏎  1234"; note: >⏎  138⏎
// 1234; - 138⏎  1234): the lines that follow it, indented deeper. A key
// line with no value (Totals:⏎  173⏎  8344⏎  6576) reads to YAML as a
// scalar spread over the lines under it as well, but in text it is a
// heading over a column, one value a line; the delimited reading reads a
// column of groups under a label (phone:⏎  138⏎  1234⏎  5678) as one
// number.

// scalarLines follows, a line at a time, whether the line being read
// belongs to a scalar a key line opened (foldKeyed).
type scalarLines struct {
	open   bool // a key line opened a scalar the lines under it continue
	indent int  // that key line's indentation
}

// lineEnds takes the line that has just ended, without its break: a blank
// line, or one indented deeper than an open scalar's key line, leaves the
// scalar as it is (a blank line is a break within it); any other ends it,
// and opens one if it is a key line (keyedScalar).
func (s *scalarLines) lineEnds(line []byte) {
	ind := blanksEnd(line, 0)
	countReadingSteps(ind)
	if ind == len(line) || s.open && ind > s.indent {
		return
	}
	s.open, s.indent = keyedScalar(line[ind:]), ind
}

// continues reports whether a line indented by ind bytes continues the
// open scalar: a fold before it is one YAML makes.
func (s *scalarLines) continues(ind int) bool { return s.open && ind > s.indent }

// keyedScalar reports whether line, from its first byte that is not a
// blank, opens a scalar its next lines may continue: a key, a colon and a
// value begun on the line (plain, quoted, or a block scalar's > or |), or
// a sequence entry's value (- 138); no comment (#).
func keyedScalar(line []byte) bool {
	countReadingSteps(len(line))
	if line[0] == '-' && (len(line) == 1 || line[1] == ' ' || line[1] == '\t') {
		line = line[blanksEnd(line, 1):]
		if len(line) == 0 || line[0] == '#' {
			return false // "-" alone: a block under it
		}
		if keyEnd(line) < 0 {
			return true // - value
		}
	}
	if line[0] == '#' {
		return false
	}
	k := keyEnd(line)
	if k <= 0 {
		return false
	}
	v := line[blanksEnd(line, k+1):]
	return len(v) > 0 && v[0] != '#'
}

// keyEnd returns where the first colon of line that ends a key stands
// (one a blank or the line's end follows), -1 when none does.
func keyEnd(line []byte) int {
	for i := 0; ; {
		k := bytes.IndexByte(line[i:], ':')
		if k < 0 {
			return -1
		}
		i += k + 1
		if i == len(line) || line[i] == ' ' || line[i] == '\t' {
			return i - 1
		}
	}
}
