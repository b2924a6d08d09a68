package verify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// UserAgent is the User-Agent of every replayed request.
const UserAgent = "routemod-verify"

// newClient talks to 127.0.0.1 only: no proxy, no decompression (bodies are
// compared as sent), no redirects followed.
func newClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout:       timeout,
		Transport:     &http.Transport{DisableCompression: true, Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Replay sends reqs in order to the server, each within timeout, and returns
// the answers. progress, when not nil, is called after each request with the
// number done.
func (s *Server) Replay(ctx context.Context, reqs []Spec, timeout time.Duration, progress func(done int)) ([]*Response, error) {
	client := newClient(timeout)
	defer client.CloseIdleConnections()
	out := make([]*Response, len(reqs))
	for i := range reqs {
		r, err := send(ctx, client, s.Origin, &reqs[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", reqs[i].Label(), err)
		}
		out[i] = r
		if progress != nil {
			progress(i + 1)
		}
	}
	return out, nil
}

func send(ctx context.Context, client *http.Client, origin string, s *Spec) (*Response, error) {
	body, _ := s.wire()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, s.Method, origin+s.Path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	for k, v := range s.header() {
		req.Header[k] = v
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: string(b)}, nil
}
