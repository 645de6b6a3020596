package caddymodule

import (
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strconv"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// binaryBodies carry the fixtures in binary framings: a protobuf message
// (name, resident ID, a nested message with the mobile), the same framed
// as gRPC, and a MessagePack map.
func binaryBodies() []struct{ name, ct, body string } {
	var nested, msg []byte
	nested = protowire.AppendTag(nested, 1, protowire.BytesType)
	nested = protowire.AppendString(nested, "手机 "+testMobile)
	msg = protowire.AppendTag(msg, 1, protowire.BytesType)
	msg = protowire.AppendString(msg, "身份证 "+testID)
	msg = protowire.AppendTag(msg, 2, protowire.BytesType)
	msg = protowire.AppendBytes(msg, nested)
	grpc := binary.BigEndian.AppendUint32([]byte{0}, uint32(len(msg)))
	grpc = append(grpc, msg...)
	mp := []byte{0x82, 0xa6}
	mp = append(mp, "idCard"...)
	mp = append(mp, 0xa0|byte(len(testID)))
	mp = append(mp, testID...)
	mp = append(mp, 0xa6)
	mp = append(mp, "mobile"...)
	n, _ := strconv.ParseUint(testMobile, 10, 64)
	mp = binary.BigEndian.AppendUint64(append(mp, 0xcf), n)
	return []struct{ name, ct, body string }{
		{"protobuf", "application/x-protobuf", string(msg)},
		{"grpc", "application/grpc", string(grpc)},
		{"msgpack", "application/msgpack", string(mp)},
	}
}

// TestBinaryRequestsRedacted: identifiers in protobuf, gRPC and
// MessagePack uploads do not reach the upstream; protobuf and gRPC keep
// their length.
func TestBinaryRequestsRedacted(t *testing.T) {
	for _, c := range binaryBodies() {
		t.Run(c.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{Response: "off"})
			var got captured
			w, err := serve(h, post(c.body, c.ct), capture(&got))
			if err != nil || w.Code != http.StatusNoContent {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			assertNoRaw(t, "forwarded body", string(got.body))
			if c.name != "msgpack" && len(got.body) != len(c.body) {
				t.Errorf("length %d, was %d", len(got.body), len(c.body))
			}
			if len(incidents(logs)) != 1 {
				t.Errorf("incidents = %v", incidents(logs))
			}
			assertLogsClean(t, logs)
		})
	}
}

// TestBinaryResponsesRedacted: the same bodies from an upstream do not
// reach the client.
func TestBinaryResponsesRedacted(t *testing.T) {
	for _, c := range binaryBodies() {
		t.Run(c.name, func(t *testing.T) {
			h, logs := newHandler(t, Handler{})
			hdr := map[string]string{"Content-Type": c.ct, "Content-Length": strconv.Itoa(len(c.body))}
			w, err := serve(h, get("/rpc"), respondWith(200, hdr, []byte(c.body)))
			if err != nil || w.Code != 200 {
				t.Fatalf("status %d, err %v", w.Code, err)
			}
			assertNoRaw(t, "response", w.Body.String())
			if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
				t.Errorf("Content-Length %s, body %d bytes", got, w.Body.Len())
			}
			assertLogsClean(t, logs)
		})
	}
}

// TestGRPCCompressedRefused: a gRPC message compressed with the coding
// of its grpc-encoding header is uninspectable, and refused.
func TestGRPCCompressedRefused(t *testing.T) {
	h, _ := newHandler(t, Handler{Response: "off"})
	body := binaryBodies()[1].body
	body = "\x01" + body[1:]
	var got captured
	w, err := serve(h, post(body, "application/grpc"), capture(&got))
	if err != nil {
		t.Fatal(err)
	}
	if got.called {
		t.Fatal("the compressed message reached the upstream")
	}
	assertRefusal(t, w, http.StatusBadRequest)
}

// TestGRPCWebTextRedacted: a gRPC-Web text body (base64 frames) has no
// identifier in what the upstream or the client decodes from it.
func TestGRPCWebTextRedacted(t *testing.T) {
	grpc := binaryBodies()[1].body
	body := base64.StdEncoding.EncodeToString([]byte(grpc))
	const ct = "application/grpc-web-text+proto"
	h, logs := newHandler(t, Handler{Response: "off"})
	var got captured
	if w, err := serve(h, post(body, ct), capture(&got)); err != nil || w.Code != http.StatusNoContent {
		t.Fatalf("request: status %d, err %v", w.Code, err)
	}
	dec, err := base64.StdEncoding.DecodeString(string(got.body))
	if err != nil {
		t.Fatalf("forwarded body is not base64: %v", err)
	}
	assertNoRaw(t, "forwarded body, decoded", string(dec))
	assertLogsClean(t, logs)

	h, _ = newHandler(t, Handler{})
	w, err := serve(h, get("/rpc"), respondWith(200, map[string]string{"Content-Type": ct}, []byte(body)))
	if err != nil || w.Code != 200 {
		t.Fatalf("response: status %d, err %v", w.Code, err)
	}
	if dec, err = base64.StdEncoding.DecodeString(w.Body.String()); err != nil {
		t.Fatalf("response is not base64: %v", err)
	}
	assertNoRaw(t, "response, decoded", string(dec))
}
