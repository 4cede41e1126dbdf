package rie

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Spec is what a SAM template says about running one function locally:
// its environment and timeout, as `sam local invoke` reads them.
type Spec struct {
	Name    string
	Env     map[string]string
	Timeout time.Duration
}

// Environ returns the environment as "KEY=value", sorted.
func (s Spec) Environ() []string {
	out := make([]string, 0, len(s.Env))
	for _, k := range slices.Sorted(maps.Keys(s.Env)) {
		out = append(out, k+"="+s.Env[k])
	}
	return out
}

// FromTemplate reads function fn (a logical id such as ArchiveFunction)
// from the SAM template at path: Globals.Function merged with the
// function's own Environment and Timeout. Values resolve as SAM local
// resolves them: a plain value as is, a Ref to a parameter as its
// default, any other Ref or intrinsic as the logical id it names; then a
// variable set in lookup (the caller's environment) wins.
func FromTemplate(path, fn string, lookup func(string) (string, bool)) (Spec, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Spec{}, fmt.Errorf("rie: template: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return Spec{}, fmt.Errorf("rie: template %s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return Spec{}, fmt.Errorf("rie: template %s is empty", path)
	}
	root := doc.Content[0]
	res := get(root, "Resources", fn)
	if res == nil || get(res, "Type") == nil || get(res, "Type").Value != "AWS::Serverless::Function" {
		return Spec{}, fmt.Errorf("rie: template %s has no function %s", path, fn)
	}
	params := map[string]string{}
	if ps := get(root, "Parameters"); ps != nil {
		for i := 0; i+1 < len(ps.Content); i += 2 {
			if d := get(ps.Content[i+1], "Default"); d != nil {
				params[ps.Content[i].Value] = d.Value
			}
		}
	}
	spec := Spec{Name: fn, Env: map[string]string{}, Timeout: 3 * time.Second}
	for _, props := range []*yaml.Node{get(root, "Globals", "Function"), get(res, "Properties")} {
		if props == nil {
			continue
		}
		if t := get(props, "Timeout"); t != nil {
			n, err := strconv.Atoi(t.Value)
			if err != nil {
				return Spec{}, fmt.Errorf("rie: %s: Timeout %q", fn, t.Value)
			}
			spec.Timeout = time.Duration(n) * time.Second
		}
		vars := get(props, "Environment", "Variables")
		if vars == nil {
			continue
		}
		for i := 0; i+1 < len(vars.Content); i += 2 {
			spec.Env[vars.Content[i].Value] = resolve(vars.Content[i+1], params)
		}
	}
	for k := range spec.Env {
		if v, ok := lookup(k); ok {
			spec.Env[k] = v
		}
	}
	return spec, nil
}

// get walks mapping keys.
func get(n *yaml.Node, path ...string) *yaml.Node {
	for _, key := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}

// resolve gives an environment value its local meaning.
func resolve(n *yaml.Node, params map[string]string) string {
	ref := ""
	switch {
	case n.Tag == "!Ref":
		ref = n.Value
	case n.Kind == yaml.MappingNode && get(n, "Ref") != nil:
		ref = get(n, "Ref").Value
	case n.Kind == yaml.ScalarNode && !strings.HasPrefix(n.Tag, "!"):
		return n.Value
	case n.Kind == yaml.ScalarNode:
		// !GetAtt A.B, !Sub ...: the logical id, as SAM local does.
		id, _, _ := strings.Cut(n.Value, ".")
		return id
	default:
		return ""
	}
	if v, ok := params[ref]; ok {
		return v
	}
	return ref
}
