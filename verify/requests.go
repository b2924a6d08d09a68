package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// Spec is one request to replay against both apps, as a requests file
// (routemod.requests.json) writes it.
type Spec struct {
	// Name labels the request in the report; optional.
	Name   string `json:"name,omitempty"`
	Method string `json:"method"`
	// Path starts with "/" and may carry a query string.
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers,omitempty"`
	// Body is the request body: a JSON string is sent as is (its text); any
	// other JSON value is sent as JSON, with Content-Type: application/json
	// unless Headers set one. Absent or null: no body.
	Body json.RawMessage `json:"body,omitempty"`
	// JSON is sent as JSON, like a non-string Body (a JSON string included).
	JSON json.RawMessage `json:"json,omitempty"`
	// Generated is set on the requests routemod made up for a route.
	Generated bool `json:"generated,omitempty"`
}

// File is a requests file: either this object or a bare array of requests.
type File struct {
	// Segments gives sample values for dynamic route segments by name
	// ("id" for [id], "slug" for [...slug]), used in generated requests.
	Segments map[string]string `json:"segments,omitempty"`
	Requests []Spec            `json:"requests"`
}

// LoadFile reads and checks a requests file.
func LoadFile(name string) (*File, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := ParseFile(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// ParseFile parses a requests file's contents: an object {segments,
// requests} or a bare array of requests.
func ParseFile(b []byte) (*File, error) {
	var f File
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &f.Requests); err != nil {
			return nil, err
		}
	} else if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	for i, r := range f.Requests {
		if err := r.check(); err != nil {
			return nil, fmt.Errorf("request %d: %w", i+1, err)
		}
		f.Requests[i].Method = strings.ToUpper(r.Method)
	}
	return &f, nil
}

func (s *Spec) check() error {
	switch {
	case s.Method == "":
		return fmt.Errorf("no method")
	case !strings.HasPrefix(s.Path, "/") || strings.HasPrefix(s.Path, "//"):
		return fmt.Errorf("path %q: want a path starting with one /", s.Path)
	case s.JSON != nil && s.Body != nil:
		return fmt.Errorf("%s %s: both json and body", s.Method, s.Path)
	}
	return nil
}

// Label names s in reports: its name, else method and path.
func (s *Spec) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Method + " " + s.Path
}

// wire returns the body s sends (nil for none) and the Content-Type it
// implies ("" for none).
func (s *Spec) wire() ([]byte, string) {
	raw := s.JSON
	if raw == nil || string(raw) == "null" {
		raw = s.Body
		if raw == nil || string(raw) == "null" {
			return nil, ""
		}
		var text string
		if json.Unmarshal(raw, &text) == nil {
			return []byte(text), ""
		}
	}
	return raw, "application/json" // as written in the file, spaces and all
}

// header returns the headers s sends besides the client's own.
func (s *Spec) header() http.Header {
	h := http.Header{}
	if _, ct := s.wire(); ct != "" {
		h.Set("Content-Type", ct)
	}
	for k, v := range s.Headers {
		h.Set(k, v)
	}
	return h
}

// Request is s as Classify reads it.
func (s *Spec) Request() *Request {
	body, _ := s.wire()
	return &Request{Method: s.Method, Header: s.header(), Body: body}
}
