// Command hostileload measures what hostile bodies cost a real Caddy
// running pii_filter: its peak resident memory (VmHWM) under concurrent
// decompression bombs, inflated uploads and large bodies, and the CPU time
// it keeps burning after clients that sent a compressed body hang up at
// once. It starts the Caddy binary it is given, on loopback, once for each
// scenario:
//
//	go build -o /tmp/caddy ./cmd/caddy
//	go run ./scripts/hostileload -caddy /tmp/caddy [-scenario bombs,gzip32,large8,disconnect,shapes] [-shape_size 4194304]
//
// (deepxml4 and brhtml4 send bodies of nothing but markup, whose markup
// view costs several bytes a byte: go run … -scenario deepxml4,brhtml4)
//
// Each scenario prints the statuses the clients got and the measurement.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

func main() {
	bin := flag.String("caddy", "", "the Caddy binary to measure (go build -o … ./cmd/caddy)")
	scenarios := flag.String("scenario", "bombs,gzip32,large8,disconnect", "scenarios to run, comma-separated (also: shapes, disconnect-text)")
	port := flag.Int("port", 9310, "loopback port Caddy listens on")
	budget := flag.String("memory_budget", "", "the pii global option's memory_budget (empty: the default)")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "hostileload: -caddy is required")
		os.Exit(2)
	}
	for _, name := range strings.Split(*scenarios, ",") {
		sc, ok := all[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "hostileload: unknown scenario %q\n", name)
			os.Exit(2)
		}
		c, err := startCaddy(*bin, *port, *budget)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hostileload:", err)
			os.Exit(1)
		}
		fmt.Printf("== %s: %s\n", name, sc.about)
		sc.run(c)
		c.stop()
	}
}

// scenario is one measurement.
type scenario struct {
	about string
	run   func(c *caddyProc)
}

var all = map[string]scenario{
	"bombs": {"16 concurrent brotli bombs (1 GiB of JSON-ish text each)", func(c *caddyProc) {
		body := compress("br", bytes.Repeat([]byte(`{"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}`), (1<<30)/36))
		fmt.Printf("bomb: %d bytes\n", len(body))
		c.concurrent(16, body, "br")
	}},
	"gzip32": {"16 concurrent gzip uploads inflating to 32 MiB of JSON with personal data", func(c *caddyProc) {
		doc := synth.CustomersJSON(rand.New(rand.NewPCG(1, 1)), 4<<10, true)
		raw := bytes.Repeat(doc, (32<<20)/len(doc))
		body := compress("gzip", raw)
		fmt.Printf("upload: %d bytes, %d decoded\n", len(body), len(raw))
		c.concurrent(16, body, "gzip")
	}},
	"large8": {"32 concurrent 8 MiB JSON bodies with personal data", func(c *caddyProc) {
		doc := synth.CustomersJSON(rand.New(rand.NewPCG(2, 2)), 8<<20-1024, true)
		fmt.Printf("body: %d bytes\n", len(doc))
		c.concurrent(32, doc, "")
	}},
	"deepxml4": {"4 concurrent 7 MB XML bodies of nothing but nested tags (<a>×1M then </a>×1M)", func(c *caddyProc) {
		body := []byte(strings.Repeat("<a>", 1<<20) + strings.Repeat("</a>", 1<<20))
		fmt.Printf("body: %d bytes\n", len(body))
		c.concurrentAs(4, body, "", "application/xml")
	}},
	"brhtml4": {"4 concurrent 5 MB HTML bodies of digits between line breaks (1<br>×1M)", func(c *caddyProc) {
		body := []byte(strings.Repeat("1<br>", 1<<20))
		fmt.Printf("body: %d bytes\n", len(body))
		c.concurrentAs(4, body, "", "text/html")
	}},
	"disconnect-text": {"4 plain-text uploads of 8 MiB dense with personal data whose clients hang up at once", func(c *caddyProc) {
		body := synth.Mixed(rand.New(rand.NewPCG(4, 4)), 8<<20-1024)
		hangUps(c, 4, body, "text/plain", "")
	}},
	"disconnect": {"8 gzip uploads (3 KiB, 32 MiB decoded) whose clients hang up at once", func(c *caddyProc) {
		doc := synth.CustomersJSON(rand.New(rand.NewPCG(3, 3)), 4<<10, true)
		raw := bytes.Repeat(doc, (32<<20)/len(doc))
		body := compress("gzip", raw)
		fmt.Printf("upload: %d bytes, %d decoded\n", len(body), len(raw))
		hangUps(c, 8, body, "application/json", "gzip")
	}},
}

// hangUps sends n copies of body (with its Content-Type and coding) and
// closes each connection as soon as the body is sent, then prints the CPU
// time Caddy spends afterwards.
func hangUps(c *caddyProc, n int, body []byte, contentType, coding string) {
	before := c.cpu()
	for range n {
		conn, err := net.Dial("tcp", c.addr)
		if err != nil {
			fmt.Println("dial:", err)
			return
		}
		hdr := "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
		if coding != "" {
			hdr += "Content-Encoding: " + coding + "\r\n"
		}
		fmt.Fprintf(conn, "%sContent-Length: %d\r\n\r\n", hdr, len(body))
		_, _ = conn.Write(body)
		_ = conn.Close()
	}
	time.Sleep(500 * time.Millisecond)
	at := c.cpu()
	time.Sleep(5 * time.Second)
	after := c.cpu()
	fmt.Printf("cpu: %.2fs in the first 0.5 s after the hang-ups, %.2fs in the 5 s after that\n", (at - before).Seconds(), (after - at).Seconds())
}

// compress encodes b in a content coding.
func compress(coding string, b []byte) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "br":
		w = brotli.NewWriterLevel(&buf, 5)
	default:
		w = gzip.NewWriter(&buf)
	}
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// caddyProc is a running Caddy.
type caddyProc struct {
	cmd  *exec.Cmd
	addr string
	dir  string
}

func startCaddy(bin string, port int, budget string) (*caddyProc, error) {
	dir, err := os.MkdirTemp("", "hostileload")
	if err != nil {
		return nil, err
	}
	global := "admin off\n\tlog {\n\t\tlevel ERROR\n\t}\n"
	if budget != "" {
		global += "\tpii {\n\t\tmemory_budget " + budget + "\n\t}\n"
	}
	cfg := fmt.Sprintf("{\n\t%s}\n:%d {\n\tpii_filter {\n\t\tcache off\n\t\tdossier 0\n\t}\n\trespond \"ok\" 200\n}\n", global, port)
	if err := os.WriteFile(filepath.Join(dir, "Caddyfile"), []byte(cfg), 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "run", "--config", filepath.Join(dir, "Caddyfile"), "--adapter", "caddyfile")
	cmd.Stderr = os.Stderr
	// Caddy's storage and config state in the temporary directory, not the user's
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &caddyProc{cmd: cmd, addr: fmt.Sprintf("127.0.0.1:%d", port), dir: dir}
	for range 100 {
		if conn, err := net.Dial("tcp", c.addr); err == nil {
			_ = conn.Close()
			return c, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.stop()
	return nil, fmt.Errorf("caddy did not start")
}

func (c *caddyProc) stop() {
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
	_ = os.RemoveAll(c.dir)
}

// concurrent sends n copies of a JSON body at once and prints the
// statuses and Caddy's peak resident memory.
func (c *caddyProc) concurrent(n int, body []byte, coding string) {
	c.concurrentAs(n, body, coding, "application/json")
}

// concurrentAs is concurrent for a body of any media type.
func (c *caddyProc) concurrentAs(n int, body []byte, coding, contentType string) {
	statuses := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Go(func() {
			req, _ := http.NewRequest("POST", "http://"+c.addr+"/", bytes.NewReader(body))
			req.Header.Set("Content-Type", contentType)
			if coding != "" {
				req.Header.Set("Content-Encoding", coding)
			}
			s := "error"
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				s = strconv.Itoa(resp.StatusCode)
				if ra := resp.Header.Get("Retry-After"); ra != "" {
					s += " (Retry-After " + ra + ")"
				}
			}
			mu.Lock()
			statuses[s]++
			mu.Unlock()
		})
	}
	wg.Wait()
	var keys []string
	for k := range statuses {
		keys = append(keys, fmt.Sprintf("%s ×%d", k, statuses[k]))
	}
	sort.Strings(keys)
	fmt.Printf("statuses: %s in %.1fs\n", strings.Join(keys, ", "), time.Since(start).Seconds())
	fmt.Printf("peak RSS: %d MiB\n", c.status("VmHWM")>>10)
}

// status reads a kB field of /proc/PID/status.
func (c *caddyProc) status(field string) int64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// cpu returns the user and system time Caddy has used.
func (c *caddyProc) cpu() time.Duration {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}
