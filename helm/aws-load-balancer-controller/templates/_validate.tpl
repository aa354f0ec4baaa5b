{{/*
Values of the reference chart that this controller cannot honour: setting one fails the render,
naming it, rather than installing a controller that silently ignores it.
*/}}
{{- define "lbc.validate" -}}
{{- $unsupported := dict
  "globalAcceleratorMaxConcurrentReconciles" "this controller has no GlobalAccelerator support"
  "globalAcceleratorMaxExponentialBackoffDelay" "this controller has no GlobalAccelerator support"
}}
{{- range $key, $why := $unsupported }}
{{- if not (kindIs "invalid" (index $.Values $key)) }}
{{- fail (printf "values key %s is not supported: %s" $key $why) }}
{{- end }}
{{- end }}
{{- if not .Values.clusterName }}
{{- fail "values key clusterName is required: the name of the Kubernetes cluster" }}
{{- end }}
{{- if and .Values.enableCertManager (or .Values.webhookTLS.caCert .Values.webhookTLS.cert .Values.webhookTLS.key) }}
{{- fail "values keys enableCertManager and webhookTLS exclude each other: the certificate comes from one of them" }}
{{- end }}
{{- if and (or .Values.webhookTLS.caCert .Values.webhookTLS.cert .Values.webhookTLS.key) (not (and .Values.webhookTLS.caCert .Values.webhookTLS.cert .Values.webhookTLS.key)) }}
{{- fail "values key webhookTLS needs all of caCert, cert and key" }}
{{- end }}
{{- end }}
