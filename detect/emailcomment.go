package detect

// An RFC 5322 comment next to an address's '@' (gang.hao(x)@shop.example,
// user@(note)example.com) is dropped by a mail client, which sends to the
// address without it: the address is read as if the comment were part of
// its '@', and its mask covers the comment too.

// maxEmailComment bounds the bytes of a comment read next to an '@',
// its parentheses included.
const maxEmailComment = 64

// emailComments returns the span of the '@' at text[at] with a comment
// that ends right before it and one that starts right after it: at, at+1
// when there is none. A comment holds no parenthesis, '@', line break or
// NUL, and is at most maxEmailComment bytes long.
func emailComments(text []byte, at int) (start, end int) {
	start, end = at, at+1
	if at > 0 && text[at-1] == ')' {
		for k := at - 2; k >= 0 && k >= at-maxEmailComment; k-- {
			step()
			if c := text[k]; c == '(' {
				if k > 0 && text[k-1] != ' ' && text[k-1] != '\t' {
					start = k // a local part stands before it
				}
				break
			} else if !commentByte(c) {
				break
			}
		}
	}
	if end < len(text) && text[end] == '(' {
		for k := end + 1; k < len(text) && k < at+1+maxEmailComment; k++ {
			step()
			if c := text[k]; c == ')' {
				end = k + 1
				break
			} else if !commentByte(c) {
				break
			}
		}
	}
	return start, end
}

// commentByte reports a byte a comment next to an '@' may hold.
func commentByte(c byte) bool {
	return c != '(' && c != ')' && c != '@' && c != '\n' && c != '\r' && c != 0
}
