package verify

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseFile(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     *File
		err      string
	}{
		{"bare array", `[{"method": "get", "path": "/api/a"}]`,
			&File{Requests: []Spec{{Method: "GET", Path: "/api/a"}}}, ""},
		{"object with segments", `{"segments": {"id": "42"}, "requests": [{"method": "POST", "path": "/api/a", "body": "x=1"}]}`,
			&File{Segments: map[string]string{"id": "42"}, Requests: []Spec{{Method: "POST", Path: "/api/a", Body: []byte(`"x=1"`)}}}, ""},
		{"no method", `[{"path": "/api/a"}]`, nil, "request 1: no method"},
		{"relative path", `[{"method": "GET", "path": "api/a"}]`, nil, `request 1: path "api/a"`},
		{"json and body", `[{"method": "GET", "path": "/a", "json": {}, "body": ""}]`, nil, "both json and body"},
		{"not JSON", `{`, nil, "unexpected end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseFile([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestSpecWire: what a request of the file sends.
func TestSpecWire(t *testing.T) {
	for _, tc := range []struct {
		name, in    string
		body, ctype string
		noBody      bool
	}{
		{"no body", `{"method": "GET", "path": "/a"}`, "", "", true},
		{"null body", `{"method": "GET", "path": "/a", "body": null}`, "", "", true},
		{"string body => as is", `{"method": "POST", "path": "/a", "body": "a=1&b=2"}`, "a=1&b=2", "", false},
		{"empty string body", `{"method": "POST", "path": "/a", "body": ""}`, "", "", false},
		{"object body => JSON", `{"method": "POST", "path": "/a", "body": {"x": 1}}`, `{"x": 1}`, "application/json", false},
		{"json => JSON", `{"method": "POST", "path": "/a", "json": "s"}`, `"s"`, "application/json", false},
		{"header wins", `{"method": "POST", "path": "/a", "headers": {"content-type": "text/x"}, "body": [1]}`, `[1]`, "text/x", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseFile([]byte("[" + tc.in + "]"))
			if err != nil {
				t.Fatal(err)
			}
			r := f.Requests[0].Request()
			if tc.noBody != (r.Body == nil) || string(r.Body) != tc.body {
				t.Errorf("body %q (nil %v), want %q (nil %v)", r.Body, r.Body == nil, tc.body, tc.noBody)
			}
			if got := r.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
		})
	}
}
