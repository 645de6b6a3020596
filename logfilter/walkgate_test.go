package logfilter

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// countWalks counts the documents walked from now on.
func countWalks(t *testing.T) *int {
	t.Helper()
	old := walkDocument
	walks := new(int)
	walkDocument = func(e *detect.Engine, doc []byte) (bodyformat.Result, error) {
		*walks++
		return old(e, doc)
	}
	t.Cleanup(func() { walkDocument = old })
	return walks
}

// gateValues are the texts the generated fields hold: the identifiers,
// lookalikes and ordinary values of the peers' test vectors and the first
// lines of the real-text corpora (when ../shared/corpora is there),
// synthetic identifiers whole, split and in URIs, and ordinary header
// values.
func gateValues(t *testing.T, r *rand.Rand) []string {
	t.Helper()
	vals := []string{
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "gzip, deflate, br, zstd",
		"zh-CN,zh;q=0.9,en;q=0.8", "sid=6f1c2a9e8b7d4c3a; theme=dark", "navigate", `"Chromium";v="131"`,
		"", " ", "x", "-", "0", "42", "200", "{}", "[1]", `{"phone":"138"}`, " [138,1234]", `\u0031`,
		"https://shop.example/list?page=2&sort=price",
	}
	for _, name := range []string{"peer-vectors/vectors.jsonl", "realtext-dev/clean.txt", "realtext-dev/names.jsonl"} {
		fh, err := os.Open("../../shared/corpora/" + name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 0; n < 600 && sc.Scan(); n++ {
			var v struct{ Value any }
			if strings.HasSuffix(name, ".jsonl") && json.Unmarshal(sc.Bytes(), &v) == nil && v.Value != nil {
				if s, ok := v.Value.(string); ok {
					vals = append(vals, s)
				}
				continue
			}
			vals = append(vals, sc.Text())
		}
		fh.Close()
	}
	for range 200 {
		id := []string{synth.CNMobile(r), synth.CNID18(r), synth.UnionPayCard(r), synth.Email(r), synth.USSSN(r), synth.CNLandline(r)}[r.IntN(6)]
		cut := 1 + r.IntN(len(id)-1)
		vals = append(vals, id, id[:cut], id[cut:], id[:cut]+" ", " "+id[cut:], "a"+id[:cut], id[cut:]+"z",
			"/find?phone="+id, "/p/"+id[:cut]+"?q="+id[cut:], "https://x.example/?a="+id[:cut]+"&b="+id[cut:],
			"/p/"+id[:cut]+"/"+id[cut:], id[:cut]+"-"+id[cut:], strconv.Itoa(r.IntN(100000)),
			"/f?tel=+86"+id, "/f?tel=%2B86"+id, "/f#tel="+id[:cut]+"+"+id[cut:], "/f?a="+id[:cut]+"+"+id[cut:],
			"/f;"+id[:cut]+";"+id[cut:], "/f?"+id[:cut]+"="+id[cut:], "/f?a=1&"+id, "/%31"+id[1:], "see /f?tel="+id+" now",
			"/f?q="+strings.ReplaceAll(id, "-", "+"), "application/"+id[:cut]+"+xml", id[:cut]+"+"+id[cut:],
			// soft and hard Markdown breaks (an LLM's message under an
			// appended key: content, text, delta)
			"call "+id[:cut]+"\n"+id[cut:], id[:cut]+"\r\n  "+id[cut:], id[:cut]+"  \n"+id[cut:],
			id[:cut]+"\n\n"+id[cut:], id[:cut]+"\n-"+id[cut:], "line\n"+id, id[:cut]+"\t\r"+id[cut:])
	}
	return vals
}

// gateKeys are the keys the generated fields use: header names, ordinary
// record keys, keys naming a category, keys a client appends (whose
// strings the walk reads with their soft breaks as spaces), and keys
// holding an identifier.
func gateKeys(r *rand.Rand) []string {
	return []string{
		"User-Agent", "Accept", "Referer", "Cookie", "X-Request-Id", "Sec-Fetch-Mode", "a", "b", "note",
		"status", "size", "remote_ip", "uri", "host", "X-Trace", "v1", "part",
		"phone", "mobile", "idcard", "qq", "tel1", "tel2", "email", "name", "text",
		"content", "delta", "message", "reasoning_content", "outputText", "choices",
		"X-" + synth.CNMobile(r), "k" + synth.CNID18(r), "x\"y", "手机",
	}
}

// TestWalkGateEquivalent: a structured field whose JSON the gate does not
// walk (scanDocument) is written exactly as the walk would write it, over
// generated fields: headers and requests as Caddy logs them, and
// dictionaries, arrays and nested groups of the corpora's and synthetic
// texts (split identifiers, URIs holding their parts, identifiers over
// soft and hard line breaks) and numbers, under ordinary keys, keys
// naming categories, keys a client appends (content, delta: an LLM's
// message) and keys holding identifiers.
// Both the gated and the walked fields are written; at least a quarter of
// the fields are not walked, and some are.
func TestWalkGateEquivalent(t *testing.T) {
	f := newFilter(t, Filter{Mask: "label"})
	r := rand.New(rand.NewPCG(31, 7))
	vals, keys := gateValues(t, r), gateKeys(r)
	val := func() string { return vals[r.IntN(len(vals))] }
	key := func() string {
		if r.IntN(3) > 0 {
			return keys[r.IntN(6)] // mostly header names
		}
		return keys[r.IntN(len(keys))]
	}
	number := func() int64 {
		if r.IntN(3) == 0 {
			n, _ := strconv.ParseInt(synth.CNMobile(r)[:1+r.IntN(11)], 10, 64)
			return n
		}
		return int64(r.IntN(100000))
	}
	var fieldOf func(depth int) zapcore.Field
	fieldOf = func(depth int) zapcore.Field {
		switch k := r.IntN(7); {
		case k == 0 || depth > 2:
			return zap.String(key(), val())
		case k == 1:
			n := 1 + r.IntN(2)*r.IntN(3)
			ss := make([]string, n)
			for i := range ss {
				ss[i] = val()
			}
			return zap.Strings(key(), ss)
		case k == 2:
			return zap.Int64(key(), number())
		case k == 3:
			return zap.Int64s(key(), []int64{number(), number()}[:1+r.IntN(2)])
		case k == 4:
			h := http.Header{}
			for range 1 + r.IntN(5) {
				for range 1 + r.IntN(2)*r.IntN(2) {
					h.Add(key(), val())
				}
			}
			if r.IntN(2) == 0 {
				return zap.Object(key(), caddyhttp.LoggableHTTPHeader{Header: h, ShouldLogCredentials: true})
			}
			req := httptest.NewRequest("GET", "/p?x=1", nil)
			req.RequestURI, req.Header = val(), h
			return zap.Object("request", caddyhttp.LoggableHTTPRequest{Request: req, ShouldLogCredentials: true})
		default:
			var fs []zapcore.Field
			for range 1 + r.IntN(4) {
				fs = append(fs, fieldOf(depth+1))
			}
			return zap.Dict(key(), fs...)
		}
	}
	walks := countWalks(t)
	n := 1500
	if raceEnabled {
		n = 150
	}
	for range n {
		fd := fieldOf(0)
		if fd.Type == zapcore.StringType || fd.Type == zapcore.Int64Type {
			fd = zap.Dict("d", fd)
		}
		gated := encode(t, f.Filter(fd))
		walkEvery = true
		walked := encode(t, f.Filter(fd))
		walkEvery = false
		if canonicalJSON(t, gated) != canonicalJSON(t, walked) {
			t.Errorf("gated field differs from walked:\n gated  %s\n walked %s", gated, walked)
		}
	}
	t.Logf("%d of %d fields not walked", 2*n-*walks, n)
	// each field is walked once when gated or not, twice otherwise
	if skipped := 2*n - *walks; skipped < n/4 || skipped == n {
		t.Errorf("%d of %d fields not walked, want at least a quarter and not all", skipped, n)
	}
}

// canonicalJSON returns the JSON text s with each object's members in
// order (an http.Header is a map: Caddy writes its members in the map's
// order, which differs between two writings), duplicate keys kept.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var value func() string
	value = func() string {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		switch tok {
		case json.Delim('{'):
			var ms []string
			for dec.More() {
				k, _ := dec.Token()
				ms = append(ms, strconv.Quote(k.(string))+":"+value())
			}
			dec.Token()
			slices.Sort(ms)
			return "{" + strings.Join(ms, ",") + "}"
		case json.Delim('['):
			var es []string
			for dec.More() {
				es = append(es, value())
			}
			dec.Token()
			return "[" + strings.Join(es, ",") + "]"
		}
		b, _ := json.Marshal(tok)
		return string(b)
	}
	return value()
}

// TestWalkGateWalks: each shape of the gate's list is walked, and
// ordinary headers are not.
func TestWalkGateWalks(t *testing.T) {
	f := newFilter(t, Filter{})
	m := testMobile
	for name, tc := range map[string]struct {
		fd   zapcore.Field
		walk bool
	}{
		"browser headers":       {zap.Object("headers", caddyhttp.LoggableHTTPHeader{Header: browserHeader("https://shop.example/list?page=2&sort=price"), ShouldLogCredentials: true}), false},
		"headers":               {zap.Dict("headers", zap.Strings("Accept", []string{"text/html"}), zap.Strings("X-Id", []string{"abc-123"})), false},
		"numbers and literals":  {zap.Dict("req", zap.Int("status", 200), zap.Bool("ok", true), zap.Int64("size", 123456)), false},
		"two elements":          {zap.Strings("v", []string{m[:3], m[3:]}), true},
		"nested two elements":   {zap.Dict("d", zap.Ints("v", []int{138, 1234})), true},
		"key naming a category": {zap.Dict("d", zap.String("tel1", "138")), true},
		"field key naming one":  {zap.Strings("phone", []string{m[:3]}), true},
		"key holding a mobile":  {zap.Dict("d", zap.String("X-"+m, "1")), false}, // masked as added (memberName)
		"key holding an e-mail": {zap.Dict("d", zap.String("X-zhang.wei@example.com", "1")), true},
		"key with an escape":    {zap.Dict("d", zap.String("a\"b", "1")), true},
		"key outside ASCII":     {zap.Dict("d", zap.String("键", "1")), true},
		"value outside ASCII":   {zap.Dict("d", zap.String("a", "值")), true},
		"document in a string":  {zap.Dict("d", zap.String("a", `{"x":1}`)), true},
		"array in a string":     {zap.Dict("d", zap.String("a", `[1]`)), true},
		"escaped space opening": {zap.Dict("d", zap.String("a", "\n\t[1]")), true},
		"quote opening":         {zap.Dict("d", zap.String("a", `"Chromium";v="131"`)), false},
		"space before text":     {zap.Dict("d", zap.String("a", " \n1")), false},
		"plus before a digit":   {zap.Dict("d", zap.String("a", "/f?tel=+86")), true},
		"plus before a letter":  {zap.Dict("d", zap.String("a", "text/html+xml")), false},
		"break under content":   {zap.Dict("d", zap.String("content", m[:3]+"\n"+m[3:])), true},
		"break under a delta":   {zap.Dict("delta", zap.Dict("d", zap.Strings("a", []string{"1\r\n2"}))), true},
		"CR in outputText":      {zap.Dict("outputText", zap.String("a", "1\r2")), true},
		"break, ordinary key":   {zap.Dict("d", zap.String("a", m[:3]+"\n"+m[3:])), false},
		"content without break": {zap.Dict("d", zap.String("content", m[:3]+" x")), false},
		"space opening":         {zap.Dict("d", zap.String("a", " [1]")), true},
		"long number":           {zap.Dict("d", zap.Int64("a", 1234567)), true},
		"fraction":              {zap.Dict("d", zap.Float64("a", 1.5)), true},
	} {
		walks := countWalks(t)
		encode(t, f.Filter(tc.fd))
		if got := *walks == 1; got != tc.walk {
			t.Errorf("%s: walked %v, want %v", name, got, tc.walk)
		}
	}
}

// TestWalkGateDepth: nesting deeper than maxGateDepth is walked, and a
// document the scan does not expect is walked (and the walk decides).
func TestWalkGateDepth(t *testing.T) {
	f := newFilter(t, Filter{})
	deep := strings.Repeat(`{"a":`, maxGateDepth+1) + "1" + strings.Repeat("}", maxGateDepth+1)
	for _, doc := range []string{deep, `{"a":1}}`, `{"a":1`, `[1]`, `{"a":x}`, `{"a":"1"`, `{"a" 1 2}`, `{"a":[1,]}`, `{"a":1,}`, ``} {
		if !f.scanDocument([]byte(doc)) {
			t.Errorf("%s: not walked", doc)
		}
	}
	if f.scanDocument([]byte(`{"a":{"b":[1]},"c":"x","d":[],"e":{},"f":null,"g":[true]}`)) {
		t.Errorf("a document of one of each walked")
	}
}

// TestCleanKeysBounded: the keys remembered clean are at most
// maxCleanKeys, none longer than maxCleanKeyLen, and a key holding an
// identifier is never remembered.
func TestCleanKeysBounded(t *testing.T) {
	f := newFilter(t, Filter{})
	if f.cleanKey([]byte("X-" + testMobile)) {
		t.Errorf("a key holding a mobile is clean")
	}
	f.cleanKey([]byte(strings.Repeat("k", maxCleanKeyLen+1)))
	for i := range maxCleanKeys + 10 {
		f.cleanKey([]byte("k" + strconv.Itoa(i)))
	}
	for i := range maxCleanKeys + 10 {
		f.keyHint("h" + strconv.Itoa(i))
	}
	if n := len(f.cleanKeys.hints); n != maxCleanKeys {
		t.Errorf("%d hints remembered, want %d", n, maxCleanKeys)
	}
	if n := len(f.cleanKeys.keys); n != maxCleanKeys {
		t.Errorf("%d keys remembered, want %d", n, maxCleanKeys)
	}
	for k := range f.cleanKeys.keys {
		if len(k) > maxCleanKeyLen || strings.Contains(k, testMobile) {
			t.Errorf("remembered %q", k)
		}
	}
}

// TestReplayExact: a document the gate passes is written byte for byte
// as zap wrote it: strings with and without escapes, integers, literals,
// empty and nested objects and arrays, several members at the top.
func TestReplayExact(t *testing.T) {
	f := newFilter(t, Filter{})
	for _, doc := range []string{
		`{"a":"x"}`,
		`{"a":"q\"uo\\te\n\t\r\u0001 \ufffd","b":-12,"c":0,"d":true,"e":false,"f":null}`,
		`{"a":{"b":[{"c":[]}],"d":{}},"e":["x"],"f":[[1]],"g":[{}],"h":[null],"i":[true],"j":["\u2028"]}`,
		`{}`,
	} {
		if f.scanDocument([]byte(doc)) {
			t.Errorf("%s: walked", doc)
			continue
		}
		enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{SkipLineEnding: true})
		buf, err := enc.EncodeEntry(zapcore.Entry{}, []zapcore.Field{{Type: zapcore.InlineMarshalerType, Interface: replayedMembers{doc: doc}}})
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if got := buf.String(); got != doc {
			t.Errorf("replayed %s\n     want %s", got, doc)
		}
	}
}
