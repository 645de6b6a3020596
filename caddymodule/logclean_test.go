package caddymodule

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

// trafficIDs are the identifiers of the log test and every spelling of
// them that was sent.
type trafficIDs struct {
	r     *rand.Rand
	sent  map[string]bool // every form that went into a body, a path or a header
	plain []string
}

func (ids *trafficIDs) add(plain string, forms ...string) string {
	ids.plain = append(ids.plain, plain)
	ids.sent[plain] = true
	for _, f := range forms {
		ids.sent[f] = true
	}
	return plain
}

// searchForms are the strings no log line may hold: each form sent, and
// each identifier normalised (letters and digits only, in both cases;
// e-mail addresses lower-cased).
func (ids *trafficIDs) searchForms() []string {
	set := map[string]bool{}
	for f := range ids.sent {
		set[f] = true
	}
	for _, p := range ids.plain {
		norm := strings.Map(func(c rune) rune {
			if c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
				return c
			}
			return -1
		}, p)
		if strings.Contains(p, "@") {
			set[strings.ToLower(p)] = true
			continue
		}
		if len(norm) >= 6 {
			set[norm], set[strings.ToUpper(norm)], set[strings.ToLower(norm)] = true, true, true
		}
	}
	var out []string
	for f := range set {
		if len([]rune(f)) >= 2 {
			out = append(out, f)
		}
	}
	return out
}

// trafficBody is one body of the log test.
type trafficBody struct {
	name, ct, ce string
	body         []byte
	stream       bool // response only, as an event stream
}

// trafficBodies builds bodies in every format the filter reads, holding
// synthetic identifiers plainly and in obfuscated spellings.
func trafficBodies(t *testing.T, ids *trafficIDs) []trafficBody {
	t.Helper()
	r := ids.r
	mobile := synth.CNMobile(r)
	mobile2 := synth.CNMobile(r)
	id := synth.CNID18(r)
	idX := synth.CNID18X(r)
	email := synth.Email(r)
	card := synth.UnionPayCard(r)
	visa := synth.Visa(r)
	iban := synth.IBAN(r)
	ssn := synth.USSSN(r)
	e164 := synth.E164Phone(r)
	passport := synth.CNPassport(r)
	landline := synth.CNLandline(r)
	name := synth.CNName(r)
	addr := synth.CNAddress(r)

	fwMobile, cnMobile := synth.FullWidth(mobile), synth.ChineseNumerals(mobile2)
	spacedID, zwID := synth.SeparatorEvery(id, " "), synth.ZeroWidth(idX, '\u200B')
	groupedMobile := synth.Grouped(mobile2, "-", 3, 4, 4)
	circled, soft := synth.CircledDigits(mobile), synth.SoftHyphen(id)
	groupedCard, groupedIBAN := synth.Grouped(card, " ", 4), synth.GroupIBAN(iban)
	atForms := synth.EmailAtForms(email)
	htmlDec, htmlHex := synth.HTMLDecimal(mobile2), synth.HTMLHex(idX)

	ids.add(mobile, fwMobile, circled)
	ids.add(mobile2, cnMobile, groupedMobile, htmlDec)
	ids.add(id, spacedID, soft)
	ids.add(idX, zwID, htmlHex)
	ids.add(email, atForms...)
	ids.add(card, groupedCard)
	ids.add(visa)
	ids.add(iban, groupedIBAN)
	ids.add(ssn)
	ids.add(e164)
	ids.add(passport)
	ids.add(landline)
	ids.add(name)
	ids.add(addr)

	// The legacy API's customer list: every identifier it holds counts.
	customers := synth.CustomersJSON(r, 3000, true)
	var doc struct{ Data []synth.Customer }
	if err := json.Unmarshal(customers, &doc); err != nil || len(doc.Data) == 0 {
		t.Fatalf("customers: %v", err)
	}
	for _, c := range doc.Data {
		ids.add(c.IDCard)
		ids.add(c.Mobile)
		ids.add(c.Email)
		ids.add(c.BankCard)
		ids.add(c.Name)
		ids.add(c.Address)
	}

	obj := map[string]string{
		"mobile": fwMobile, "phone": cnMobile, "idCard": spacedID, "email": atForms[1],
		"bankCard": groupedCard, "iban": groupedIBAN, "ssn": ssn, "tel": e164, "passport": passport,
		"realName": name, "address": addr, "contact": groupedMobile, "note": "证件 " + zwID,
	}
	jsonObj, _ := json.Marshal(obj)
	form := url.Values{}
	for k, v := range obj {
		form.Set(k, v)
	}
	text := strings.Join([]string{
		"姓名: " + name, "手机: " + fwMobile, "电话 " + circled, "联系 " + cnMobile, "身份证 " + spacedID,
		"证件号 " + soft, "邮箱 " + atForms[0], "mail: " + atForms[3], "email " + atForms[4],
		"卡号 " + groupedCard, "visa " + visa, "IBAN " + groupedIBAN, "SSN " + ssn, "phone " + e164,
		"护照 " + passport, "座机 " + landline, "地址: " + addr, "邮箱: " + email,
	}, "\n")
	html := "<html><body><p>手机 " + htmlDec + "</p><p>身份证 " + htmlHex + "</p><p>" + zwID + "</p><p>" +
		email + "</p></body></html>"
	xml := "<customer><name>" + name + "</name><mobile>" + mobile + "</mobile><idCard>" + id + "</idCard></customer>"
	ndjson := string(jsonObj) + "\n" + `{"mobile":"` + mobile + `","email":"` + email + `"}` + "\n"

	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("mobile", groupedMobile)
	_ = mw.WriteField("comment", "身份证 "+spacedID)
	fw, _ := mw.CreateFormFile("resume", "cv.txt")
	_, _ = fw.Write([]byte(text))
	_ = mw.Close()

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(jsonObj)
	_ = zw.Close()

	sse := "event: msg\ndata: 手机 " + fwMobile + "\n\ndata: 身份证 " + spacedID + "\n\ndata: " + email + "\n\n"

	return []trafficBody{
		{name: "customers json", ct: "application/json", body: customers},
		{name: "obfuscated json", ct: "application/json", body: jsonObj},
		{name: "form", ct: "application/x-www-form-urlencoded", body: []byte(form.Encode())},
		{name: "multipart", ct: mw.FormDataContentType(), body: mp.Bytes()},
		{name: "text", ct: "text/plain; charset=utf-8", body: []byte(text)},
		{name: "html", ct: "text/html", body: []byte(html)},
		{name: "xml", ct: "application/xml", body: []byte(xml)},
		{name: "ndjson", ct: "application/x-ndjson", body: []byte(ndjson)},
		{name: "gzip json", ct: "application/json", ce: "gzip", body: gz.Bytes()},
		{name: "untyped", body: []byte(text)},
		{name: "sse", ct: "text/event-stream", body: []byte(sse), stream: true},
	}
}

// TestLogsHoldNoIdentifiers pushes synthetic traffic through handlers of
// every action and mask, in both directions and twice (the second time
// from the verdict cache), then searches the whole log output, serialised
// as Caddy writes it, for every identifier sent.
func TestLogsHoldNoIdentifiers(t *testing.T) {
	ids := &trafficIDs{r: rand.New(rand.NewPCG(4, 2024)), sent: map[string]bool{}}
	bodies := trafficBodies(t, ids)
	pathMobile, pathID := synth.CNMobile(ids.r), synth.CNID18(ids.r)
	pathEmail, headerMobile := synth.Email(ids.r), synth.CNMobile(ids.r)
	ids.add(pathMobile)
	ids.add(pathID, synth.FullWidth(pathID))
	ids.add(pathEmail)
	ids.add(headerMobile)
	target := "/customers/" + pathMobile + "/" + url.PathEscape(synth.FullWidth(pathID)) + "/" +
		url.PathEscape(pathEmail) + "?email=" + url.QueryEscape(pathEmail)

	core, logs := observer.New(zapcore.DebugLevel)
	configs := []Handler{
		{Dossier: intp(0)},
		{},
		{Request: "reject", Response: "reject"},
		{Request: "log", Response: "log", Dossier: intp(0)},
		{Mask: "hash", Dossier: intp(0)},
		{Mask: "full", Dossier: intp(0), OnError: "pass"},
	}
	var published []string
	for _, cfg := range configs {
		h, _ := newHandler(t, cfg)
		h.logger = zap.New(core)
		for _, b := range bodies {
			for range 2 {
				if !b.stream {
					req := httptest.NewRequest("POST", target, bytes.NewReader(b.body))
					req.Header.Set("Content-Type", b.ct)
					if b.ce != "" {
						req.Header.Set("Content-Encoding", b.ce)
					}
					req.Header.Set("X-Request-Id", "req-"+headerMobile)
					req = withVars(req)
					if _, err := serve(h, req, capture(new(captured))); err != nil && !isRefusal(err) {
						t.Fatalf("%s request: %v", b.name, err)
					}
					published = append(published, fmt.Sprint(placeholders(req), extraFields(t, req)))
				}
				req := withVars(httptest.NewRequest("GET", target, nil))
				req.Header.Set("X-Request-Id", "req-"+headerMobile)
				hdr := map[string]string{"Content-Type": b.ct}
				if b.ce != "" {
					hdr["Content-Encoding"] = b.ce
				}
				if _, err := serve(h, req, respondWith(200, hdr, b.body)); err != nil && !isRefusal(err) {
					t.Fatalf("%s response: %v", b.name, err)
				}
				published = append(published, fmt.Sprint(placeholders(req), extraFields(t, req)))
			}
		}
	}

	var out strings.Builder
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	hits, dirs := 0, map[any]int{}
	for _, e := range logs.All() {
		buf, err := enc.EncodeEntry(e.Entry, e.Context)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(buf.Bytes())
		buf.Free()
		m := e.ContextMap()
		if m["cache_hit"] == true {
			hits++
		}
		dirs[m["direction"]]++
	}
	for _, p := range published {
		out.WriteString(p + "\n")
	}
	all := out.String()
	if dirs["request"] < 20 || dirs["response"] < 20 || hits < 20 {
		t.Fatalf("too little was logged to judge: %v incidents by direction, %d cache hits", dirs, hits)
	}
	forms := ids.searchForms()
	for _, f := range forms {
		if i := strings.Index(all, f); i >= 0 {
			t.Errorf("the log holds %q: …%s…", f, all[max(0, i-200):min(len(all), i+len(f)+50)])
		}
	}
	t.Logf("%d log entries (%d bytes, %d cache hits) searched for %d forms of %d identifiers",
		len(logs.All()), len(all), hits, len(forms), len(ids.plain))
}

// isRefusal reports whether a handler error is a refusal (which the test
// expects from the reject configuration).
func isRefusal(err error) bool {
	return err != nil && strings.Contains(err.Error(), "pii_filter")
}
