package scancmd

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// straddling builds an input in which value starts `before` bytes ahead of
// the byte offset boundary, with a label word ahead of it.
func straddling(boundary, before int, label, value string) (string, int) {
	start := boundary - before
	text := filler(start-len(label)) + label + value + "\n" + filler(1000)
	return text, start
}

func TestFindingAcrossReadBoundary(t *testing.T) {
	for _, tc := range []struct {
		cat, label, value string
	}{
		{"cn_mobile", "手机 ", testMobile},
		{"cn_id", "身份证号 ", testID},
	} {
		for _, tt := range []struct{ boundary, before int }{
			{defaultChunkSize, 1}, {defaultChunkSize, 5}, {defaultChunkSize, len(tc.value) - 1},
			{3 * defaultChunkSize, 6},
		} {
			boundary, before := tt.boundary, tt.before
			t.Run(fmt.Sprintf("%s/%d-%d", tc.cat, boundary, before), func(t *testing.T) {
				in, start := straddling(boundary, before, tc.label, tc.value)
				if start >= boundary || start+len(tc.value) <= boundary {
					t.Fatalf("fixture does not straddle: %d", start)
				}
				report := filepath.Join(t.TempDir(), "r.jsonl")
				src := writeFile(t, "big.txt", in)
				r := run(t, Options{Report: report}, []string{src}, "")
				if r.code != ExitFound {
					t.Fatalf("status %d (%v)", r.code, r.err)
				}
				assertRedacted(t, r.stdout, tc.value)
				found := false
				for _, l := range readReport(t, report) {
					if l.Category == tc.cat && l.Start == start && l.End == start+len(tc.value) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s finding at [%d,%d)", tc.cat, start, start+len(tc.value))
				}
			})
		}
	}
}

// TestSmallReads feeds the input in tiny pieces, so every value is split
// across many writes to the redactor.
func TestSmallReads(t *testing.T) {
	in := filler(100) + record() + filler(50) + record()
	for _, chunk := range []int{1, 3, 7, 64} {
		t.Run(fmt.Sprint(chunk), func(t *testing.T) {
			whole := run(t, Options{Mask: "label"}, nil, in)
			pieces := run(t, Options{Mask: "label", ChunkSize: chunk}, nil, in)
			if pieces.code != ExitFound {
				t.Fatalf("status %d (%v)", pieces.code, pieces.err)
			}
			assertRedacted(t, pieces.stdout, testMobile, testID)
			if pieces.stdout != whole.stdout {
				t.Errorf("output depends on read size:\n%q\n%q", pieces.stdout, whole.stdout)
			}
		})
	}
}

// generator produces size bytes on the fly, repeating block, and checks on
// every read that the output lags the input by at most maxLag bytes.
type generator struct {
	t      *testing.T
	block  string
	size   int64
	read   int64
	out    *countingWriter
	maxLag int64
	lag    int64 // largest lag seen
}

func (g *generator) Read(p []byte) (int, error) {
	if lag := g.read - g.out.n; lag > g.lag {
		g.lag = lag
		if lag > g.maxLag {
			g.t.Fatalf("after %d bytes in, only %d out: %d bytes held back", g.read, g.out.n, lag)
		}
	}
	if g.read >= g.size {
		return 0, io.EOF
	}
	if rest := g.size - g.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n := 0
	for n < len(p) {
		off := int((g.read + int64(n)) % int64(len(g.block)))
		n += copy(p[n:], g.block[off:])
	}
	g.read += int64(n)
	return n, nil
}

// countingWriter counts and discards what is written to it, and checks
// that no raw value gets through.
type countingWriter struct {
	t *testing.T
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	if s := string(p); strings.Contains(s, testMobile) || strings.Contains(s, testID) {
		w.t.Fatalf("raw value written to the output")
	}
	w.n += int64(len(p))
	return len(p), nil
}

func TestBoundedMemory(t *testing.T) {
	size := int64(64 << 20)
	if testing.Short() {
		size = 8 << 20
	}
	// One record per MiB, the rest filler; full masks keep ASCII lengths,
	// so the output is exactly as long as the input.
	const blockSize = 1 << 20
	block := filler(blockSize-len(record())) + record()
	if len(block) != blockSize {
		t.Fatalf("block is %d bytes", len(block))
	}
	out := &countingWriter{t: t}
	gen := &generator{t: t, block: block, size: size, out: out, maxLag: 256 << 10}
	code, stderr, err := runReader(t, Options{Mask: "full"}, gen, out)
	if code != ExitFound {
		t.Fatalf("status %d (%v)", code, err)
	}
	if out.n != size {
		t.Errorf("wrote %d bytes for %d in", out.n, size)
	}
	blocks := size / blockSize
	if want := fmt.Sprintf("cn_mobile %d", blocks); !strings.Contains(stderr, want) {
		t.Errorf("summary %q, want %s", stderr, want)
	}
	if want := fmt.Sprintf("cn_id %d", blocks); !strings.Contains(stderr, want) {
		t.Errorf("summary %q, want %s", stderr, want)
	}
	t.Logf("largest amount held back: %d bytes", gen.lag)
}

// oneReadThenBlock delivers its data in one read; a second read stands
// for a stream with nothing more yet (tail -f) and fails the test.
type oneReadThenBlock struct {
	t    *testing.T
	data []byte
	done bool
}

func (r *oneReadThenBlock) Read(p []byte) (int, error) {
	if r.done {
		r.t.Fatal("read again: a slow stream would wait here for bytes that are not coming")
	}
	r.done = true
	return copy(p, r.data), nil
}

// TestHeadOfSlowStream: the format of a slow stream is decided on what
// its first read delivers, not after waiting for 512 bytes.
func TestHeadOfSlowStream(t *testing.T) {
	line := "Tel " + testMobile + "\n"
	head := peekHead(bufio.NewReaderSize(&oneReadThenBlock{t: t, data: []byte(line)}, defaultChunkSize))
	if string(head) != line {
		t.Errorf("head %q, want %q", head, line)
	}
}
