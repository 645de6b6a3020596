package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/piifilter/caddy-pii-filter/internal/synth"
)

var shapeSize = flag.Int("shape_size", 4<<20, "body size of the shapes scenario, in bytes")

func init() {
	all["shapes"] = scenario{"every synth shape (realistic and crafted) posted alone, Caddy's CPU time per request", shapes}
}

// shapes posts a body of each synth shape, one request at a time, three
// times, and prints the CPU time Caddy spends per request and the rate it
// inspects at: what an attacker buys with one body of that shape.
func shapes(c *caddyProc) {
	const rounds = 3
	for _, s := range synth.Shapes {
		body := s.Gen(rand.New(rand.NewPCG(5, 5)), *shapeSize)
		ctype := "text/plain; charset=utf-8"
		if s.Name == "json" {
			ctype = "application/json"
		}
		status := ""
		before := c.cpu()
		start := time.Now()
		for range rounds {
			status = c.post(body, ctype)
		}
		cpu := (c.cpu() - before) / rounds
		wall := time.Since(start) / rounds
		fmt.Printf("%-11s %8d B  status %s  cpu %7.1f ms/req  wall %7.1f ms/req  %6.1f MB/s of cpu\n",
			s.Name, len(body), status, float64(cpu.Microseconds())/1e3, float64(wall.Microseconds())/1e3,
			float64(len(body))/1e6/max(cpu.Seconds(), 0.01))
	}
}

// post sends body once and returns the status (or "error").
func (c *caddyProc) post(body []byte, contentType string) string {
	resp, err := http.Post("http://"+c.addr+"/", contentType, bytes.NewReader(body))
	if err != nil {
		return "error"
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.Status[:3]
}
