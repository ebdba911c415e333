// This file tests the JSON state document.

package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONStateDocument(t *testing.T) {
	s := applyAll(t,
		"sandbox/read:off",
		"default/write:kill",
		"allow/write+/tmp/***",
		"allow/read+/dev/{null,zero}",
		"deny/read+/\"q\\\\\n",
		"allow/net/connect+127.0.0.1!80",
		"lock:exec",
	)
	b, err := s.Policy().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		API     int               `json:"api"`
		Lock    string            `json:"lock"`
		Sandbox map[string]bool   `json:"sandbox"`
		Default map[string]string `json:"default"`
		Rules   []struct{ Act, Cap, Pat string }
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	if doc.API != 3 || doc.Lock != "exec" {
		t.Errorf("api %d lock %q", doc.API, doc.Lock)
	}
	if len(doc.Sandbox) != int(NumCategories)+7 || doc.Sandbox["read"] || !doc.Sandbox["net/sendfd"] || doc.Sandbox["mem"] {
		t.Errorf("sandbox = %v", doc.Sandbox)
	}
	if len(doc.Default) != int(NumCategories)+6 || doc.Default["write"] != "kill" || doc.Default["read"] != "deny" || doc.Default["pid"] != "kill" {
		t.Errorf("default = %v", doc.Default)
	}
	var rules []string
	for _, r := range doc.Rules {
		rules = append(rules, r.Act+" "+r.Cap+" "+r.Pat)
	}
	want := []string{
		"allow read /dev/null", "allow read /dev/zero", "deny read /\"q\\\\\n",
		"allow write /tmp/***", "allow net/connect 127.0.0.1!80",
	}
	if strings.Join(rules, "|") != strings.Join(want, "|") {
		t.Errorf("rules = %q, want %q", rules, want)
	}
}

func TestJSONStartsWithStableKeys(t *testing.T) {
	b, _ := New().Policy().MarshalJSON()
	const prefix = `{"api":3,"lock":"unset","started":false,"sandbox":{"stat":true,"read":true,`
	if !strings.HasPrefix(string(b), prefix) || !strings.HasSuffix(string(b), `"memory_access":0},"config":{"expand":0}}`) ||
		!strings.Contains(string(b), `"block":"deny"},"rules":[],"append":[],`) {
		t.Errorf("got %s", b)
	}
	if err := json.Unmarshal(b, new(any)); err != nil {
		t.Error(err)
	}
}

func TestJSONReplacesInvalidUTF8(t *testing.T) {
	b, _ := applyAll(t, "allow/read+/\xff\x01").Policy().MarshalJSON()
	if !strings.Contains(string(b), `"/\ufffd\u0001"`) {
		t.Errorf("got %s", b)
	}
}
