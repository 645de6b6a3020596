// Package mdanchor computes the anchors GitHub gives the headings of a
// Markdown document, so that tests can check that links into the README
// (its table of contents, the problem types of refusals) resolve.
package mdanchor

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
)

// Anchors returns the fragment of every heading of the Markdown document
// md, as GitHub renders it: the heading's text in lower case, with
// punctuation other than '-' and '_' dropped and spaces made hyphens; a
// repeated one gets -1, -2 … Lines inside fenced code blocks are not
// headings.
func Anchors(md []byte) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	fenced := false
	for line := range bytes.SplitSeq(md, []byte("\n")) {
		s := strings.TrimRight(string(line), "\r")
		if strings.HasPrefix(s, "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(s, "#") {
			continue
		}
		text := strings.TrimLeft(s, "#")
		if len(text) == len(s) || len(s)-len(text) > 6 || !strings.HasPrefix(text, " ") {
			continue
		}
		a := Slug(text)
		if n := seen[a]; n > 0 {
			out[a+"-"+strconv.Itoa(n)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	}
	return out
}

// Slug is the anchor of one heading's text.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
