package detect_test

import (
	"bytes"
	"testing"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// TestAttack47AddressSpaceAfterMarker (F3): an ASCII space between an
// address marker and the next number (917号 3幢 2501室) is read, but a
// no-break or medium mathematical space there (917号\u00a03幢: what
// &nbsp; decodes to) ends the address: the building and room are
// delivered raw after the mask, and with no label the whole address is
// delivered raw (no finding).
func TestAttack47AddressSpaceAfterMarker(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, sp := range []string{" ", "\u00a0", "\u205f", "\u2009", "\u3000"} {
		for _, label := range []string{"地址：", ""} {
			text := label + "河南省郑州市金水区建设路917号" + sp + "3幢" + sp + "2501室"
			out, fs := e.Redact([]byte(text))
			if bytes.Contains(out, []byte("2501")) || bytes.Contains(out, []byte("幢")) || !hasCategory(fs, detect.CNAddress) {
				t.Errorf("%q -> %q: building or room left raw", text, out)
			}
		}
	}
}

// TestAttack47AddressRoomEmphasis (F4): a room written after a masked
// address with emphasis or a bare # (3幢 Room **2501**, 3幢 *2501* 室,
// 3幢__2501__室, 3幢 #2501) is delivered raw after the address mask.
func TestAttack47AddressRoomEmphasis(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, room := range []string{" Room **2501**", " **Room 2501**", " *2501* 室", "__2501__室", " #2501"} {
		text := "地址：河南省郑州市金水区建设路917号3幢" + room
		out, fs := e.Redact([]byte(text))
		if bytes.Contains(out, []byte("2501")) || !hasCategory(fs, detect.CNAddress) {
			t.Errorf("%q -> %q: the room number is left raw", text, out)
		}
	}
}

// TestFix48AddrSpacesAndRoomsStable: the addresses of F3 and F4 redacted
// twice give the same text, and text that only looks like their pieces
// (a hashtag, a snake_case word, bold prose, a no-break space before a
// word with no number) is kept byte for byte.
func TestFix48AddrSpacesAndRoomsStable(t *testing.T) {
	e := detect.MustCompile(detect.Policy{FingerprintKey: []byte("k")})
	for _, text := range []string{
		"地址：河南省郑州市金水区建设路917号\u00a03幢\u00a02501室",
		"河南省郑州市金水区建设路917号&nbsp;3幢&nbsp;2501室",
		"河南省\u00a0郑州市\u00a0金水区\u00a0建设路917号3幢2501室",
		"地址：河南省郑州市金水区建设路917号3幢 Room **2501**",
		"地址：河南省郑州市金水区建设路917号3幢 ***Room 2501***，电话见下",
		"地址：河南省郑州市金水区建设路917号3幢 _2501_ 室",
		"地址：河南省郑州市金水区建设路917号3幢，#2501",
	} {
		once, fs := e.Redact([]byte(text))
		twice, _ := e.Redact(once)
		if !hasCategory(fs, detect.CNAddress) || bytes.Contains(once, []byte("2501")) || !bytes.Equal(once, twice) {
			t.Errorf("%q -> %q -> %q", text, once, twice)
		}
	}
	for _, text := range []string{
		"今天在金水区逛街 #2501 打卡",
		"字段 room_2501_id 的说明",
		"这是 **Room 2501** 的会议",
		"请到3号\u00a0楼下等候",
		"第3号\tAB_12\t完成",
	} {
		if out, fs := e.Redact([]byte(text)); !bytes.Equal(out, []byte(text)) || len(fs) != 0 {
			t.Errorf("%q -> %q %v: clean text altered", text, out, fs)
		}
	}
}
