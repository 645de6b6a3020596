package bodyformat

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// TestAttack46aCompressedBinaryContent (attack46a F2): a gzip file or a
// zlib stream, untyped or application/octet-stream, whose content is no
// text (a MessagePack map: "\x82\xa3tel\xab<mobile>…") is decompressed
// and then dropped unread (gzipped: label "" and !sniffText; deflated:
// !readableHead), where the same content uncompressed is read as a
// binary body (binaryWhole: its runs of text) and found: Scan counted
// the mobile uncompressed and nothing compressed, Redact refused it
// uncompressed and passed it compressed. Only a binary format's label
// (framedLabel) gets the content read. Compressed, it should count and
// refuse as uncompressed.
func TestAttack46aCompressedBinaryContent(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xa))
	m := synth.CNMobile(r)
	plain := mpMap(mpStr("tel"), mpStr(m), mpStr("note"), mpStr("fresh"))
	for _, ct := range []string{"", "application/octet-stream"} {
		want := mustInspect(t, eng, plain, ct, "", Scan)
		if want.Summary.Counts[detect.CNMobile] == 0 {
			t.Fatalf("%q uncompressed: counted %v", ct, want.Summary.Counts)
		}
		if _, err := Inspect(eng, plain, ct, "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Fatalf("%q uncompressed, redact: %v", ct, err)
		}
		for name, body := range map[string][]byte{"gzip": []byte(gzipOf(string(plain))), "zlib": zlibOf(string(plain))} {
			got := mustInspect(t, eng, body, ct, "", Scan)
			if !maps.Equal(got.Summary.Counts, want.Summary.Counts) {
				t.Errorf("%s as %q: counted %v, uncompressed %v", name, ct, got.Summary.Counts, want.Summary.Counts)
			}
			if res, err := Inspect(eng, body, ct, "", Redact, Limits{}); err == nil {
				t.Errorf("%s as %q, redact: passed (changed %v), uncompressed it is refused", name, ct, res.Changed)
			}
		}
	}
}

// attack46aSplitMobileDoc returns a JSON document of about n bytes
// behind its 4-byte big-endian length, whose only personal data is a
// mobile split over sibling members (tel1, tel2, tel3), which the JSON
// reading joins and a reading of runs of text does not.
func attack46aSplitMobileDoc(r *rand.Rand, n int) []byte {
	var doc strings.Builder
	doc.WriteString(`{"items":[`)
	for i := 0; doc.Len() < n-100; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"sku":"a%d","qty":%d,"note":"fresh and cold"}`, i, i%7)
	}
	m := synth.CNMobile(r)
	fmt.Fprintf(&doc, `],"tel1":"%s","tel2":"%s","tel3":"%s"}`, m[:3], m[3:7], m[7:])
	return LengthPrefix{width: lengthPrefixWidth}.Append(nil, []byte(doc.String()))
}

// TestAttack46aPrefixedDocumentTrailingByte (attack46a F9): the screen
// holds a length-prefixed JSON document whole only while no NUL and no
// byte that is no UTF-8 arrives (fillDoc): one NUL after the document
// streams it as runs of text, where the split mobile is not read, while
// Inspect reads the same body whole (binaryHeadText: SniffFramedText)
// and refuses it; at 20 KiB Inspect misses it too. A line break after
// the document (a newline-ended frame) makes SniffLengthPrefix fail and
// both Inspect and the screen pass it at any size. Two length-prefixed
// messages one after the other (a stream of RPC frames) are read by
// neither as JSON: SniffLengthPrefix asks the length to be the whole
// body's. Every such body should be refused in Redact mode as the
// document alone is.
func TestAttack46aPrefixedDocumentTrailingByte(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xb))
	for _, n := range []int{6 << 10, 20 << 10} {
		doc := attack46aSplitMobileDoc(r, n)
		if _, err := Inspect(eng, doc, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
			t.Fatalf("%d bytes alone: Inspect redact %v", n, err)
		}
		if out, _, err := screenAll(t, eng, doc, Redact, 4096); !errors.Is(err, ErrMalformed) || len(out) != 0 {
			t.Fatalf("%d bytes alone: screen redact passed %d bytes, %v", n, len(out), err)
		}
		for name, body := range map[string][]byte{
			"a NUL after":        append(bytes.Clone(doc), 0),
			"a line break after": append(bytes.Clone(doc), '\n'),
			"a second message":   append(bytes.Clone(doc), LengthPrefix{width: lengthPrefixWidth}.Append(nil, []byte(`{"ok":true}`))...),
		} {
			if _, err := Inspect(eng, body, "", "", Redact, Limits{}); !errors.Is(err, ErrMalformed) {
				t.Errorf("%d bytes, %s: Inspect redact passed it (%v)", n, name, err)
			}
			if out, _, err := screenAll(t, eng, body, Redact, 4096); !errors.Is(err, ErrMalformed) {
				t.Errorf("%d bytes, %s: the screen passed %d of %d bytes (%v)", n, name, len(out), len(body), err)
			}
		}
	}
}

// TestAttack46aCarriageReturnDropsText (attack46a F10, clean content
// altered; also on b1041b6): a line holding an ID then a carriage return
// and clean text (`note <ID>\rok`, a CSV's last cell before an old Mac
// line break) lost everything after the ID: the masked ID's span ran
// over the carriage return and the text after it (the terminal
// reading's finding, masked over the bytes that drew it). Only the ID
// should be masked; "\rok" kept byte for byte.
func TestAttack46aCarriageReturnDropsText(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xc))
	id := synth.CNID18(r)
	for _, c := range []struct{ body, tail string }{
		{"note " + id + "\rok", "\rok"},
		{"a,b\rx," + id + "\r", "\r"},
		{"a,b\rx," + id + "\rfresh,cold\r", "\rfresh,cold\r"},
	} {
		for _, ct := range []string{"text/plain", "text/csv"} {
			res := mustInspect(t, eng, []byte(c.body), ct, "", Redact)
			out := string(res.Body)
			if strings.Contains(out, id) || !strings.HasSuffix(out, c.tail) {
				t.Errorf("%s %q -> %q: want the ID masked and %q kept", ct, c.body, out, c.tail)
			}
		}
	}
}

// TestAttack46aZlibLabelledCutChecksum (attack46a F11): a zlib stream of
// a MessagePack map holding a mobile as a uint64, labelled
// application/msgpack, whose Adler-32 is cut off or wrong (a streaming
// inflater, Python's decompressobj, hands the whole map over) passed in
// Redact mode, unread: deflated takes the decodeError road, reads the
// inflated bytes as text only (in.find: a uint64 is no text), finds
// nothing and reports no zlib stream, and the compressed bytes are then
// read as MessagePack, which they are not. The whole stream inflates
// (only the checksum is missing) and should be read by its label, or
// refused, as the gzip file cut the same way is.
func TestAttack46aZlibLabelledCutChecksum(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xd))
	mob, err := strconv.ParseUint(synth.CNMobile(r), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	plain := mpMap(mpStr("tel"), mpUint64(mob), mpStr("note"), mpStr("fresh"))
	z := zlibOf(string(plain))
	if res := mustInspect(t, eng, z, "application/msgpack", "", Redact); res.Summary.Counts[detect.CNMobile] != 1 {
		t.Fatalf("whole stream: counted %v", res.Summary.Counts)
	}
	for name, body := range map[string][]byte{
		"no checksum":    z[:len(z)-4],
		"wrong checksum": append(bytes.Clone(z[:len(z)-1]), z[len(z)-1]^1),
	} {
		res, err := Inspect(eng, body, "application/msgpack", "", Redact, Limits{})
		if err == nil && res.Summary.Counts[detect.CNMobile] == 0 {
			t.Errorf("%s: passed unread (changed %v, counted %v)", name, res.Changed, res.Summary.Counts)
		}
	}
}

// TestAttack46aLabelledStreamTail (attack46a F12): what follows a
// compressed file's last member is read (beyondStream: "personal data
// there fails the body closed") untyped, not by the body's label: under
// application/msgpack a gzip file or a zlib stream of a clean map
// followed by a MessagePack map holding a mobile as a uint64 (raw, or
// as a zlib stream after a gzip file) passed in Redact mode, the map
// after it unread; the same map compressed in a second gzip member is
// found. It should be read as MessagePack, or the body refused.
func TestAttack46aLabelledStreamTail(t *testing.T) {
	eng := testEngine(t)
	r := rand.New(rand.NewPCG(46, 0xe))
	mob, err := strconv.ParseUint(synth.CNMobile(r), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	plain := mpMap(mpStr("tel"), mpUint64(mob), mpStr("note"), mpStr("fresh"))
	clean := mpMap(mpStr("note"), mpStr("fresh"))
	for name, body := range map[string][]byte{
		"gzip then the map":         append([]byte(gzipOf(string(clean))), plain...),
		"zlib then the map":         append(zlibOf(string(clean)), plain...),
		"gzip then the map in zlib": append([]byte(gzipOf(string(clean))), zlibOf(string(plain))...),
	} {
		res, err := Inspect(eng, body, "application/msgpack", "", Redact, Limits{})
		if err == nil && res.Summary.Counts[detect.CNMobile] == 0 {
			t.Errorf("%s: passed unread (changed %v)", name, res.Changed)
		}
	}
}
