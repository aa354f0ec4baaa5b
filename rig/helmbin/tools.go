//go:build tools

// Package tools pins helm so that `go build` can build it from this module (rig/install builds it into
// LBC_RIG_HOME). Its own module, so that helm's dependencies never move the apiserver's or kwok's.
package tools

import (
	_ "helm.sh/helm/v4/cmd/helm"
)
