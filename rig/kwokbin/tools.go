//go:build tools

// Package tools pins kwok (Kubernetes WithOut Kubelet) so that `go build` can build it from this module.
// Its own module, apart from kubebin, so that kwok's dependencies never move the apiserver's; the
// k8s.io libraries are lifted to kubebin's release so that both share the Go build cache.
package tools

import (
	_ "sigs.k8s.io/kwok/cmd/kwok"
)
