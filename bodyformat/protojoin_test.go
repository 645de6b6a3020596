package bodyformat

import (
	"bytes"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// repeatedStrings is a message holding parts as consecutive values of
// field num (a repeated string a client joins), nested in field 3 of an
// outer message when nested is set.
func repeatedStrings(num protowire.Number, nested bool, parts ...string) []byte {
	var b []byte
	for _, p := range parts {
		b = protowire.AppendTag(b, num, protowire.BytesType)
		b = protowire.AppendString(b, p)
	}
	if !nested {
		return b
	}
	var outer []byte
	outer = protowire.AppendTag(outer, 1, protowire.VarintType)
	outer = protowire.AppendVarint(outer, 7)
	outer = protowire.AppendTag(outer, 3, protowire.BytesType)
	return protowire.AppendBytes(outer, b)
}

// TestProtobufRepeatedJoined: a value cut across consecutive values of a
// repeated string field (a client joins them) is read joined and masked
// in every value it covers; the message keeps its length and parses.
func TestProtobufRepeatedJoined(t *testing.T) {
	r := rng(t.Name())
	m, id := synth.CNMobile(r), synth.CNID18(r)
	for _, c := range []struct {
		msg  []byte
		raws []string
	}{
		{repeatedStrings(1, false, m[:3], m[3:7], m[7:]), []string{m[:3] + "\n", m[3:7]}},
		{repeatedStrings(2, true, "证件", id[:6], id[6:12], id[12:]), []string{id[:6], id[6:12]}},
		// one digit a value: field 4's tag is '"', so no digit is left
		{repeatedStrings(4, false, m[:1], m[1:2], m[2:3], m[3:4], m[4:5], m[5:6], m[6:7], m[7:8], m[8:9], m[9:10], m[10:]), []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
	} {
		for _, ct := range []string{"application/x-protobuf", "application/grpc"} {
			body := c.msg
			if ct == "application/grpc" {
				body = grpcFrames(0, c.msg)
			}
			res := mustInspect(t, testEngine(t), body, ct, "", Redact)
			if len(res.Findings) == 0 || len(res.Body) != len(body) {
				t.Errorf("%s %q: %+v -> %q", ct, body, res.Findings, res.Body)
				continue
			}
			for _, raw := range c.raws {
				if bytes.Contains(res.Body, []byte(raw)) {
					t.Errorf("%s: %q survives in %q", ct, raw, res.Body)
				}
			}
			if ct == "application/x-protobuf" && !protoParses(res.Body) {
				t.Errorf("masked message does not parse: %q", res.Body)
			}
		}
	}
	// values of different fields, or apart, are not joined
	clean := append(repeatedStrings(1, false, m[:3]), repeatedStrings(2, false, m[3:])...)
	if res := mustInspect(t, testEngine(t), clean, "application/x-protobuf", "", Redact); res.Changed {
		t.Errorf("two fields joined: %q", res.Body)
	}
}
