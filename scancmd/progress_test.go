package scancmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/piifilter/caddy-pii-filter/detect"
)

func findingForTest() detect.Finding {
	return detect.Finding{Category: detect.CNMobile, Start: 3, End: 14, Confidence: 0.9, Masked: "139****6358", Fingerprint: "00ff"}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	now := time.Unix(1000, 0)
	p := newProgress(&buf, func() time.Time { return now })

	p.update(100<<20, 1) // too early
	now = now.Add(time.Second)
	p.update(1000, 1) // too small
	if buf.Len() != 0 {
		t.Fatalf("progress shown too soon: %q", buf.String())
	}
	p.update(10_000_000, 3)
	if got := buf.String(); !strings.Contains(got, "10.0 MB processed, 10.0 MB/s, 3 findings") || !strings.HasPrefix(got, "\r\x1b[K") {
		t.Fatalf("progress line = %q", got)
	}
	buf.Reset()
	now = now.Add(progressInterval / 2)
	p.update(20_000_000, 3)
	if buf.Len() != 0 {
		t.Errorf("progress redrawn too often: %q", buf.String())
	}
	p.clear()
	if buf.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q", buf.String())
	}
	buf.Reset()
	p.clear()
	if buf.Len() != 0 {
		t.Errorf("second clear wrote %q", buf.String())
	}

	var nilP *progress
	nilP.update(1<<30, 1)
	nilP.clear()
}

func TestNoProgressForSmallInput(t *testing.T) {
	r := run(t, Options{Progress: true}, nil, record())
	if strings.Contains(r.stderr, "\r") {
		t.Errorf("progress shown for a small input: %q", r.stderr)
	}
}
