package logfilter

import (
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// FuzzFilter checks the log filter on any field value with an identifier
// planted in it (a resident ID, a mobile or an e-mail between spaces),
// under any key, as every kind of field a log carries (string, byte
// string, stringer, error, string array, reflected map): the entry is
// written whole (the fields before and after it included), it never holds
// the raw identifier, and no panic had to be contained.
func FuzzFilter(f *testing.F) {
	f.Add("note", "hello", "world", uint8(0))
	f.Add("uri", "/q?id=", "&tel=1", uint8(1))
	f.Add("Referer", "1 1 1 1 1 1 1", "２ ３", uint8(4))
	f.Add("error", "姓名：张三 地址：", "\x00\xff", uint8(3))
	f.Add("q", "&#49;&#50;", "%E6%89%8B", uint8(5))
	f.Add("id", "a dot b at c dot com", "QQ号12345", uint8(2))
	flt := newFilter(f, Filter{Mask: "label"})
	core, logs := observer.New(zapcore.DebugLevel)
	defaultLog = func() *zap.Logger { return zap.New(core) }
	f.Fuzz(func(t *testing.T, key, before, after string, kind uint8) {
		if key == "" || len(key) > 64 {
			return
		}
		ident := rawValues[int(kind)%len(rawValues)]
		v := before + " " + ident + " " + after
		var field zapcore.Field
		switch kind % 6 {
		case 0:
			field = zap.String(key, v)
		case 1:
			field = zap.ByteString(key, []byte(v))
		case 2:
			field = zap.Stringer(key, stringer(v))
		case 3:
			field = zap.Error(errString(v))
		case 4:
			field = zap.Array(key, caddyhttp.LoggableStringArray{before, v})
		case 5:
			field = zap.Any(key, map[string]string{after: v})
		}
		logs.TakeAll()
		enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"})
		buf, err := enc.EncodeEntry(zapcore.Entry{Message: "handled request"},
			[]zapcore.Field{zap.Int("status", 200), flt.Filter(field), zap.String("host", "shop.example")})
		if err != nil {
			t.Fatalf("the entry was lost: %v", err)
		}
		got := buf.String()
		if !strings.HasPrefix(got, `{"msg":"handled request","status":200,`) || !strings.HasSuffix(got, `,"host":"shop.example"}`+"\n") {
			t.Fatalf("the entry is not whole: %s", got)
		}
		if strings.Contains(got, ident) {
			t.Fatalf("the entry holds %q: %s", ident, got)
		}
		if n := logs.Len(); n > 0 {
			t.Fatalf("%d panics contained: %v", n, logs.All()[0].ContextMap())
		}
	})
}

// errString is an error whose text is itself.
type errString string

func (e errString) Error() string { return string(e) }
