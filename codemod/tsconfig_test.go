package codemod

import "testing"

func TestKeepStrictNullChecks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"strict false", "{\n  \"compilerOptions\": {\n    \"strict\": false,\n    \"jsx\": \"preserve\"\n  }\n}\n",
			"{\n  \"compilerOptions\": {\n    \"strictNullChecks\": false,\n    \"strict\": false,\n    \"jsx\": \"preserve\"\n  }\n}\n"},
		{"no strict key", "{\n\t\"compilerOptions\": {\n\t\t\"jsx\": \"preserve\"\n\t}\n}\n",
			"{\n\t\"compilerOptions\": {\n\t\t\"strictNullChecks\": false,\n\t\t\"jsx\": \"preserve\"\n\t}\n}\n"},
		{"crlf", "{\r\n  \"compilerOptions\": {\r\n    \"strict\": false\r\n  }\r\n}\r\n",
			"{\r\n  \"compilerOptions\": {\r\n    \"strictNullChecks\": false,\r\n    \"strict\": false\r\n  }\r\n}\r\n"},
		{"one line", `{"compilerOptions": {"strict": false}}`, `{"compilerOptions": { "strictNullChecks": false,"strict": false}}`},
		{"empty options", `{"compilerOptions": {}}`, `{"compilerOptions": { "strictNullChecks": false }}`},
		{"strict true", `{"compilerOptions": {"strict": true}}`, ""},
		{"already set", `{"compilerOptions": {"strict": false, "strictNullChecks": true}}`, ""},
		{"extends without strict", `{"extends": "./base.json", "compilerOptions": {}}`, ""},
		{"no compilerOptions", `{}`, ""},
	}
	for _, tt := range tests {
		got := string(KeepStrictNullChecks([]byte(tt.in)))
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
