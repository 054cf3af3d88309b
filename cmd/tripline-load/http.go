package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildRequest is the bytes of one HTTP/1.1 POST /v1/screen request with
// body, kept alive.
func buildRequest(u *url.URL, key string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST %s/v1/screen HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n",
		strings.TrimRight(u.Path, "/"), u.Host, len(body))
	if key != "" {
		fmt.Fprintf(&b, "Authorization: Bearer %s\r\n", key)
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// conn is one client's keep-alive connection: a minimal HTTP/1.1 client
// that sends prepared requests and reads each response whole (a
// Content-Length or chunked body), so that the load generator costs the
// machine little beside the server it measures. A connection the server
// closes is opened again on the next request.
type conn struct {
	addr string
	c    net.Conn
	br   *bufio.Reader
	body []byte
}

func (c *conn) close() {
	if c.c != nil {
		c.c.Close()
		c.c = nil
	}
}

// do sends req and reads its response; a status other than 200 is an
// error.
func (c *conn) do(req []byte) error {
	if c.c == nil {
		nc, err := net.DialTimeout("tcp", c.addr, 10*time.Second)
		if err != nil {
			return err
		}
		c.c = nc
		if c.br == nil {
			c.br = bufio.NewReaderSize(nc, 64<<10)
		} else {
			c.br.Reset(nc)
		}
	}
	c.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.c.Write(req); err != nil {
		c.close()
		return err
	}
	status, keep, err := c.readResponse()
	if err != nil || !keep {
		c.close()
	}
	if err != nil {
		return err
	}
	if status != 200 {
		return fmt.Errorf("HTTP %d: %.200s", status, c.body)
	}
	return nil
}

var errBadResponse = errors.New("malformed HTTP response")

// readResponse reads one response into c.body; keep is false when the
// server closes the connection after it.
func (c *conn) readResponse() (status int, keep bool, err error) {
	line, err := c.line()
	if err != nil {
		return 0, false, err
	}
	// HTTP/1.1 200 OK
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, errBadResponse
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, errBadResponse
	}
	keep = line[7] == '1'
	length, chunked := -1, false
	for {
		h, err := c.line()
		if err != nil {
			return 0, false, err
		}
		if len(h) == 0 {
			break
		}
		k, v, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return 0, false, errBadResponse
		}
		v = bytes.TrimSpace(v)
		switch {
		case bytes.EqualFold(k, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(v)); err != nil || length < 0 {
				return 0, false, errBadResponse
			}
		case bytes.EqualFold(k, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(v, []byte("chunked"))
		case bytes.EqualFold(k, []byte("Connection")):
			if bytes.EqualFold(v, []byte("close")) {
				keep = false
			}
		}
	}
	c.body = c.body[:0]
	switch {
	case chunked:
		for {
			h, err := c.line()
			if err != nil {
				return 0, false, err
			}
			h, _, _ = bytes.Cut(h, []byte(";"))
			n, err := strconv.ParseInt(string(bytes.TrimSpace(h)), 16, 32)
			if err != nil || n < 0 {
				return 0, false, errBadResponse
			}
			if n == 0 {
				// Trailers, then the blank line.
				for {
					t, err := c.line()
					if err != nil {
						return 0, false, err
					}
					if len(t) == 0 {
						return status, keep, nil
					}
				}
			}
			if err := c.read(int(n)); err != nil {
				return 0, false, err
			}
			if t, err := c.line(); err != nil || len(t) != 0 {
				return 0, false, errBadResponse
			}
		}
	case length >= 0:
		return status, keep, c.read(length)
	default:
		// No length: the body runs to the end of the connection.
		b, err := io.ReadAll(c.br)
		c.body = append(c.body, b...)
		return status, false, err
	}
}

// line reads one header line without its CRLF (valid until the next read).
func (c *conn) line() ([]byte, error) {
	l, err := c.br.ReadSlice('\n')
	if err != nil {
		if err == bufio.ErrBufferFull {
			return nil, errBadResponse
		}
		return nil, err
	}
	return bytes.TrimRight(l, "\r\n"), nil
}

// read appends n bytes of body to c.body.
func (c *conn) read(n int) error {
	at := len(c.body)
	c.body = append(c.body, make([]byte, n)...)
	_, err := io.ReadFull(c.br, c.body[at:])
	return err
}

// selfCPU is this process's CPU time (user+sys) in nanoseconds.
func selfCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// procCPU is the CPU time (user+sys) of process pid in nanoseconds, from
// /proc/PID/stat (Linux).
func procCPU(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, fmt.Errorf("--pid: %v", err)
	}
	// The command name (field 2) is parenthesised and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("--pid: cannot read /proc/%d/stat", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	// Fields 14 and 15 (utime, stime) are the 12th and 13th after ')'.
	if len(f) < 13 {
		return 0, fmt.Errorf("--pid: cannot read /proc/%d/stat", pid)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("--pid: cannot read /proc/%d/stat", pid)
	}
	// In clock ticks: 100 a second on Linux (USER_HZ).
	return (ut + st) * 1e7, nil
}
