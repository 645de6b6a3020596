package bodyformat

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// The WebSocket framing (RFC 6455, section 5), read one direction of a
// connection at a time: a WSDecoder takes the bytes as they come, in
// pieces of any size, reassembles each data message from its fragments
// (at most a bound) and hands over whole messages and control frames;
// AppendWSFrame writes them again. Nothing here inspects: the caller reads
// a text message as a body (Inspect, or a Stream that joins messages) and
// a binary one as an untyped body. No extension is understood, so a frame
// with a reserved bit set (permessage-deflate's compressed messages) is a
// protocol error: the caller removes Sec-WebSocket-Extensions from the
// upgrade so that none is negotiated.

// The opcodes of RFC 6455, section 5.2.
const (
	WSContinuation byte = 0x0
	WSText         byte = 0x1
	WSBinary       byte = 0x2
	WSClose        byte = 0x8
	WSPing         byte = 0x9
	WSPong         byte = 0xA
)

// The close codes of RFC 6455, section 7.4.1, that the filter sends.
const (
	WSCloseProtocolError   uint16 = 1002 // a frame that breaks the framing
	WSCloseInvalidPayload  uint16 = 1007 // a text message that is not UTF-8
	WSClosePolicyViolation uint16 = 1008 // a message the policy refuses
	WSCloseTooBig          uint16 = 1009 // a message over the bound
)

// Errors of a WSDecoder. After one, the decoder takes nothing more: the
// connection is to be closed with the code WSCloseCode gives.
var (
	// ErrWSProtocol: a frame breaks RFC 6455 (a reserved bit or opcode, a
	// mask where none belongs or none where one must be, a fragmented or
	// over-long control frame, a continuation without a message, a new
	// message before the last one ended, a length that is not minimal or
	// has its top bit set).
	ErrWSProtocol = errors.New("bodyformat: websocket protocol error")
	// ErrWSTooBig: a message longer than the decoder's bound.
	ErrWSTooBig = errors.New("bodyformat: websocket message too big to inspect")
	// ErrWSNotUTF8: a text message that is not valid UTF-8 (its receiver
	// fails the connection; the filter does not read it another way).
	ErrWSNotUTF8 = errors.New("bodyformat: websocket text message is not UTF-8")
)

// WSCloseCode returns the close code for an error of a WSDecoder.
func WSCloseCode(err error) uint16 {
	switch {
	case errors.Is(err, ErrWSTooBig):
		return WSCloseTooBig
	case errors.Is(err, ErrWSNotUTF8):
		return WSCloseInvalidPayload
	}
	return WSCloseProtocolError
}

// WSFrame is what a WSDecoder hands over: a whole data message (Op
// WSText or WSBinary, its fragments' payloads joined) or a control frame.
// Payload is unmasked and valid only during the callback.
type WSFrame struct {
	Op      byte
	Payload []byte
	// Key is the masking key of the message's first frame (of a masked
	// direction), to mask it again with.
	Key [4]byte
}

// WSDecoder reads the frames of one direction of a WebSocket connection.
// Its memory is the message being reassembled (at most its bound) and a
// control frame's payload (at most 125 bytes); its work is linear in the
// bytes it takes.
type WSDecoder struct {
	masked bool // frames of this direction are masked (client to server)
	max    int  // the most bytes of a data message

	hdr  [14]byte // the header being read
	hn   int      // its bytes so far
	inHd bool     // a frame's payload is being read, not its header

	fin    bool
	op     byte
	key    [4]byte
	kpos   int    // the position in the key of the next payload byte
	remain uint64 // the frame's payload bytes still to come

	ctrl   []byte // a control frame's payload
	msg    []byte // the data message being reassembled
	msgOp  byte   // its opcode; 0 when none is open
	msgKey [4]byte
	err    error
}

// NewWSDecoder returns a decoder of one direction: masked for frames from
// a client, limit the most bytes of one data message (at least 125).
func NewWSDecoder(masked bool, limit int) *WSDecoder {
	return &WSDecoder{masked: masked, max: max(limit, 125)}
}

// Holding reports whether the decoder holds part of a frame or of a
// message: bytes taken that have not yet been handed over.
func (d *WSDecoder) Holding() bool { return d.hn > 0 || d.inHd || d.msgOp != 0 }

// Held returns the bytes the decoder holds.
func (d *WSDecoder) Held() int { return d.hn + len(d.ctrl) + len(d.msg) }

// Feed takes the next bytes of the direction and calls emit for each
// message and control frame they complete, in order. An error of emit
// stops Feed and is returned; an error of the framing is returned (and
// again by every later Feed).
func (d *WSDecoder) Feed(p []byte, emit func(WSFrame) error) error {
	for len(p) > 0 && d.err == nil {
		if !d.inHd {
			p = d.header(p)
			if d.inHd && d.remain == 0 && d.err == nil {
				d.err = d.frameEnd(emit)
			}
			continue
		}
		n := int(min(uint64(len(p)), d.remain))
		chunk := p[:n]
		p = p[n:]
		d.remain -= uint64(n)
		if d.op >= WSClose {
			d.ctrl = d.unmask(d.ctrl, chunk)
		} else {
			d.msg = d.unmask(d.msg, chunk)
		}
		if d.remain == 0 {
			d.err = d.frameEnd(emit)
		}
	}
	return d.err
}

// unmask appends chunk to dst, unmasked when the direction is masked.
func (d *WSDecoder) unmask(dst, chunk []byte) []byte {
	start := len(dst)
	dst = append(dst, chunk...)
	if d.masked {
		for i := start; i < len(dst); i++ {
			dst[i] ^= d.key[d.kpos&3]
			d.kpos++
		}
	}
	return dst
}

// header reads header bytes from p and returns the rest. Once the header
// is complete it is checked and the frame's payload starts (inHd).
func (d *WSDecoder) header(p []byte) []byte {
	for len(p) > 0 {
		d.hdr[d.hn] = p[0]
		d.hn++
		p = p[1:]
		need := d.headerLen()
		if need < 0 {
			d.err = ErrWSProtocol
			return nil
		}
		if d.hn == need {
			d.err = d.startFrame()
			return p
		}
	}
	return p
}

// headerLen returns the length of the header being read once its first
// two bytes are there (2 until then), or -1 for a mask bit that does not
// belong to the direction.
func (d *WSDecoder) headerLen() int {
	if d.hn < 2 {
		return 2
	}
	if (d.hdr[1]&0x80 != 0) != d.masked {
		return -1
	}
	n := 2
	switch d.hdr[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if d.masked {
		n += 4
	}
	return n
}

// startFrame checks a complete header and starts its payload.
func (d *WSDecoder) startFrame() error {
	b0, b1 := d.hdr[0], d.hdr[1]
	d.fin, d.op = b0&0x80 != 0, b0&0x0f
	if b0&0x70 != 0 {
		return ErrWSProtocol // no extension was negotiated
	}
	length, at := uint64(b1&0x7f), 2
	switch length {
	case 126:
		length, at = uint64(binary.BigEndian.Uint16(d.hdr[2:])), 4
		if length < 126 {
			return ErrWSProtocol
		}
	case 127:
		length, at = binary.BigEndian.Uint64(d.hdr[2:]), 10
		if length>>63 != 0 || length <= 0xffff {
			return ErrWSProtocol
		}
	}
	if d.masked {
		copy(d.key[:], d.hdr[at:at+4])
	}
	d.kpos, d.remain, d.hn, d.inHd = 0, length, 0, true
	switch d.op {
	case WSClose, WSPing, WSPong:
		if !d.fin || length > 125 {
			return ErrWSProtocol
		}
		d.ctrl = d.ctrl[:0]
	case WSText, WSBinary:
		if d.msgOp != 0 {
			return ErrWSProtocol // the last message did not end
		}
		d.msgOp, d.msgKey, d.msg = d.op, d.key, d.msg[:0]
	case WSContinuation:
		if d.msgOp == 0 {
			return ErrWSProtocol
		}
	default:
		return ErrWSProtocol
	}
	if d.op < WSClose && uint64(len(d.msg))+length > uint64(d.max) {
		return ErrWSTooBig
	}
	return nil
}

// frameEnd hands over what a frame whose payload is complete ends: a
// control frame, or a data message when the frame is its last.
func (d *WSDecoder) frameEnd(emit func(WSFrame) error) error {
	d.inHd = false
	if d.op >= WSClose {
		if d.op == WSClose && !validClose(d.ctrl) {
			return ErrWSProtocol
		}
		return emit(WSFrame{Op: d.op, Payload: d.ctrl, Key: d.key})
	}
	if !d.fin {
		return nil
	}
	op := d.msgOp
	d.msgOp = 0
	if op == WSText && !utf8.Valid(d.msg) {
		return ErrWSNotUTF8
	}
	return emit(WSFrame{Op: op, Payload: d.msg, Key: d.msgKey})
}

// validClose reports whether a close frame's payload is empty, or a code
// and a UTF-8 reason (RFC 6455, section 5.5.1).
func validClose(p []byte) bool {
	return len(p) == 0 || len(p) >= 2 && utf8.Valid(p[2:])
}

// AppendWSFrame appends to dst one final frame of opcode op holding
// payload, masked with key when masked (a client's frame), with its
// length in the fewest bytes.
func AppendWSFrame(dst []byte, op byte, payload []byte, masked bool, key [4]byte) []byte {
	b1 := byte(0)
	if masked {
		b1 = 0x80
	}
	n := len(payload)
	dst = append(dst, 0x80|op)
	switch {
	case n < 126:
		dst = append(dst, b1|byte(n))
	case n <= 0xffff:
		dst = append(dst, b1|126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(n))
	default:
		dst = append(dst, b1|127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(n))
	}
	if !masked {
		return append(dst, payload...)
	}
	dst = append(dst, key[:]...)
	start := len(dst)
	dst = append(dst, payload...)
	for i := range n {
		dst[start+i] ^= key[i&3]
	}
	return dst
}

// AppendWSClose appends a close frame with a code and no reason.
func AppendWSClose(dst []byte, code uint16, masked bool, key [4]byte) []byte {
	var p [2]byte
	binary.BigEndian.PutUint16(p[:], code)
	return AppendWSFrame(dst, WSClose, p[:], masked, key)
}
