package bodyformat

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack47ArgsNumberAfterEscape (F5): a mobile written as a JSON
// number in streamed tool-call arguments after a \u escape ({"t\u0065l":
// 138…}, {"a": "\u00e9", "tel": 138…}), cut so that the escape is split
// over two pieces and the number starts or ends in a piece that holds a
// part of an escape, is masked with a backslash before its opening or
// closing quote (\"195****7674\"): the arguments the client joins no
// longer parse. All three APIs (Anthropic input_json_delta, OpenAI
// tool_calls, Responses function_call_arguments) do it; \n, \", \\ and
// \/ escapes do not.
func TestAttack47ArgsNumberAfterEscape(t *testing.T) {
	r := rng(t.Name())
	m := synth.CNMobile(r)
	for m[3] == '0' || m[7] == '0' {
		m = synth.CNMobile(r)
	}
	for _, c := range []struct {
		doc string
		cut int
	}{
		{`{"\u0074el": ` + m + `}`, 7},
		{`{"t\u0065l": ` + m + `}`, 7},
		{`{"t\u0065l": ` + m + `}`, 8},
		{`{"a": "\u00e9", "tel": ` + m + `}`, 12},
	} {
		var out strings.Builder
		s := NewStream(testEngine(t), &out, StreamEvents, StreamOptions{Mode: Redact})
		for i := 0; i < len(c.doc); i += c.cut {
			ev := `data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":` + jsonString(c.doc[i:min(len(c.doc), i+c.cut)]) + "}}\n\n"
			if _, err := s.Write([]byte(ev)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		shown := toolInputShown(t, out.String())
		if !json.Valid([]byte(shown)) || strings.Contains(engineDigitsShown(shown), m[3:7]) {
			t.Errorf("%s cut %d: the joined arguments %q do not parse or show the mobile", c.doc, c.cut, shown)
		}
	}
}

// TestAttack47FramedDocumentsOtherFramings (F6): prefixedDocs reads only
// leading 4-byte-length messages that are JSON, one after the other: a
// JSON document with the split mobile that follows a length-prefixed
// binary message (a stream of RPC frames whose first is no JSON), or that
// is framed as an untyped gRPC message (a flag byte and a 4-byte length)
// followed by its trailer frame, or by a 2-byte length and a NUL, is read
// by neither Inspect nor the BinaryScreen as JSON at 20 KiB, and passes
// in Redact mode; the same document alone is refused.
func TestAttack47FramedDocumentsOtherFramings(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(47, 3))
	pii := attack46aSplitMobileDoc(r, 20<<10) // a 4-byte length, then the document
	doc := pii[lengthPrefixWidth:]
	if _, err := Inspect(eng, pii, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
		t.Fatalf("the document alone: %v", err)
	}
	blob := binary.BigEndian.AppendUint32(nil, 8)
	blob = append(blob, 1, 2, 3, 0, 5, 6, 7, 8)
	grpc := append([]byte{0}, binary.BigEndian.AppendUint32(nil, uint32(len(doc)))...)
	be16 := binary.BigEndian.AppendUint16(nil, uint16(len(doc)))
	for _, c := range []struct {
		name string
		body []byte
	}{
		{"binary message, then the document", append(blob, pii...)},
		{"untyped gRPC frame and trailer", append(append(grpc, doc...), append([]byte{0x80, 0, 0, 0, 15}, "grpc-status:0\r\n"...)...)},
		// (open: a 2-byte length, then the document and a NUL, sniffs as
		// text and is read as text, not as a message: docs/threat-model.md)
		{"2-byte length, NUL (open)", append(append(be16, doc...), 0)},
	} {
		if strings.HasSuffix(c.name, "(open)") {
			continue
		}
		_, ierr := Inspect(eng, c.body, "", "", Redact, Limits{})
		out, _, serr := screenAll(t, eng, c.body, Redact, 4096)
		if !errors.Is(ierr, ErrMalformed) || !errors.Is(serr, ErrMalformed) {
			t.Errorf("%s: Inspect %v, the screen passed %d bytes (%v)", c.name, ierr, len(out), serr)
		}
	}
}
