// Package gatewayconformance builds the upstream Gateway API conformance suite into a test binary the
// rig runs against its own kube-apiserver while our controller runs (see rig/gateway-conformance/README.md).
//
// The suite itself is sigs.k8s.io/gateway-api/conformance at the version the reference controller pins;
// this file only adds what a run against the rig needs:
//   - -lbc-only: run exactly these tests (every other test of the suite is skipped by name), so one
//     binary serves both the ALB and the NLB pass;
//   - -lbc-l4-base: mark every Gateway without a TCP, UDP or TLS listener (the base manifests' four, all
//     HTTP/HTTPS, and the HTTP-only Gateways some L4 tests add, e.g. TCPRouteInvalidNonTCPListener) as
//     excluded from the suite's readiness check, with the suite's own annotation, for a pass on a
//     GatewayClass whose controller serves only TCP/UDP/TLS listeners: an NLB never accepts such a
//     Gateway (Accepted=False ListenersNotValid, as the reference), so the readiness wait could never
//     end; the tests' own assertions (route and listener status) still run against it;
//   - -lbc-list: print every test of the suite (name, features, provisional) as JSON lines and exit.
package gatewayconformance

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"sigs.k8s.io/gateway-api/conformance"
	"sigs.k8s.io/gateway-api/conformance/tests"
	"sigs.k8s.io/gateway-api/conformance/utils/kubernetes"
	"sigs.k8s.io/yaml"
)

var (
	only   = flag.String("lbc-only", "", "comma-separated test names: run these, skip every other test of the suite")
	l4Base = flag.Bool("lbc-l4-base", false, "exclude Gateways without a TCP/UDP/TLS listener from the readiness check")
	list   = flag.Bool("lbc-list", false, "print every test of the suite as a JSON line and exit")
)

type listedTest struct {
	Name        string   `json:"name"`
	Features    []string `json:"features"`
	Provisional bool     `json:"provisional"`
}

func TestConformance(t *testing.T) {
	if *list {
		for _, test := range tests.ConformanceTests {
			features := make([]string, 0, len(test.Features))
			for _, f := range test.Features {
				features = append(features, string(f))
			}
			line, _ := json.Marshal(listedTest{test.ShortName, features, test.Provisional})
			fmt.Println(string(line))
		}
		return
	}
	opts := conformance.DefaultOptions(t)
	if *only != "" {
		wanted := map[string]bool{}
		for _, name := range strings.Split(*only, ",") {
			wanted[strings.TrimSpace(name)] = true
		}
		known := map[string]bool{}
		for _, test := range tests.ConformanceTests {
			known[test.ShortName] = true
			if !wanted[test.ShortName] {
				opts.SkipTests = append(opts.SkipTests, test.ShortName)
			}
		}
		for name := range wanted {
			if !known[name] {
				t.Fatalf("-lbc-only names %q, which this suite version does not have", name)
			}
		}
	}
	if *l4Base {
		paths, err := fs.Glob(conformance.Manifests, "tests/*.yaml")
		if err != nil {
			t.Fatalf("listing the tests' manifests: %v", err)
		}
		base, err := withReadinessExclusion(conformance.Manifests, append([]string{"base/manifests.yaml"}, paths...))
		if err != nil {
			t.Fatalf("rewriting the manifests: %v", err)
		}
		opts.ManifestFS = []fs.FS{base}
	}
	conformance.RunConformanceWithOptions(t, opts)
}

// withReadinessExclusion returns the manifests with every Gateway of the files at paths that has no
// TCP, UDP or TLS listener annotated gateway-api/skip-this-for-readiness=true; every other document
// and file is unchanged.
func withReadinessExclusion(manifests fs.FS, paths []string) (fs.FS, error) {
	overlay := overlayFS{base: manifests, files: fstest.MapFS{}}
	for _, path := range paths {
		raw, err := fs.ReadFile(manifests, path)
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		changed := false
		for _, doc := range strings.Split(string(raw), "\n---") {
			var obj map[string]any
			if err := yaml.Unmarshal([]byte(doc), &obj); err != nil || obj == nil || obj["kind"] != "Gateway" || hasL4Listener(obj) {
				out.WriteString(doc)
				out.WriteString("\n---")
				continue
			}
			meta, _ := obj["metadata"].(map[string]any)
			annotations, _ := meta["annotations"].(map[string]any)
			if annotations == nil {
				annotations = map[string]any{}
			}
			annotations[kubernetes.GatewayExcludedFromReadinessChecks] = "true"
			meta["annotations"] = annotations
			rewritten, err := yaml.Marshal(obj)
			if err != nil {
				return nil, err
			}
			out.WriteString("\n")
			out.Write(rewritten)
			out.WriteString("\n---")
			changed = true
		}
		if changed {
			overlay.files[path] = &fstest.MapFile{Data: out.Bytes(), Mode: 0o444, ModTime: time.Now()}
		}
	}
	return overlay, nil
}

// hasL4Listener tells whether a Gateway document has a listener an NLB class can serve.
func hasL4Listener(gateway map[string]any) bool {
	spec, _ := gateway["spec"].(map[string]any)
	listeners, _ := spec["listeners"].([]any)
	for _, l := range listeners {
		listener, _ := l.(map[string]any)
		switch listener["protocol"] {
		case "TCP", "UDP", "TLS":
			return true
		}
	}
	return false
}

// overlayFS serves the overlay's files and falls back to base for every other path.
type overlayFS struct {
	base  fs.FS
	files fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.base.Open(name)
}
