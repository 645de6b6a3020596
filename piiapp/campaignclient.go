package piiapp

import (
	"fmt"
	"net/netip"
	"strings"
)

// The default prefix lengths clients are counted by: one IPv4 address is
// one client, and so is one IPv6 /64, the smallest network a site is
// given (an attacker with one /64 holds 2^64 addresses).
const (
	DefaultIPv4Prefix = 32
	DefaultIPv6Prefix = 64
)

// clientBucket returns who a client is counted as: a campaign_client value
// that is an IP address stands for its network of ipv4 or ipv6 bits (an
// IPv4-mapped IPv6 address as IPv4, a zone dropped); any other value (a
// user ID from a header) stands for itself.
func clientBucket(who string, ipv4, ipv6 int) string {
	addr, ok := clientAddr(who)
	if !ok {
		return who
	}
	addr = addr.WithZone("").Unmap()
	bits := ipv6
	if addr.Is4() {
		bits = ipv4
	}
	p, err := addr.Prefix(bits)
	if err != nil {
		return who
	}
	return p.String()
}

// clientAddr reads a client value as an address the way a header may
// spell one: white space around it, the first of a comma-separated list
// (X-Forwarded-For), in brackets, with a port. Otherwise a poster could
// pass as a new client each time by spelling one address differently
// ([2001:db8::1], " 2001:db8::1", "2001:db8::1, x").
func clientAddr(who string) (netip.Addr, bool) {
	v := strings.TrimSpace(who)
	if k := strings.IndexByte(v, ','); k >= 0 {
		v = strings.TrimSpace(v[:k])
	}
	if ap, err := netip.ParseAddrPort(v); err == nil {
		return ap.Addr(), true
	}
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	addr, err := netip.ParseAddr(v)
	return addr, err == nil
}

// validatePrefixes checks the prefix lengths of client_prefix.
func validatePrefixes(ipv4, ipv6 int) error {
	if ipv4 < 1 || ipv4 > 32 || ipv6 < 1 || ipv6 > 128 {
		return fmt.Errorf("campaign: client_prefix %d %d: want IPv4 bits from 1 to 32 and IPv6 bits from 1 to 128", ipv4, ipv6)
	}
	return nil
}
