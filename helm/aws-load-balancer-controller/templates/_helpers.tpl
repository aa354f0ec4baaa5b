{{/* The chart's name, and the release's full name (the reference's naming). */}}
{{- define "lbc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lbc.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lbc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lbc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lbc.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "lbc.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: aws-load-balancer-controller
{{- with .Values.additionalLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "lbc.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lbc.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Fixed names, as the reference chart's, so webhooks and certificates survive a move between them. */}}
{{- define "lbc.webhookService" -}}aws-load-balancer-webhook-service{{- end }}
{{- define "lbc.webhookSecret" -}}aws-load-balancer-tls{{- end }}
{{- define "lbc.webhookName" -}}aws-load-balancer-webhook{{- end }}

{{- define "lbc.webhookDnsNames" -}}
- {{ include "lbc.webhookService" . }}.{{ .Release.Namespace }}.svc
- {{ include "lbc.webhookService" . }}.{{ .Release.Namespace }}.svc.{{ .Values.cluster.dnsDomain }}
{{- end }}

{{/* k1=v1,k2=v2 of a map, keys sorted. */}}
{{- define "lbc.csv" -}}
{{- $pairs := list }}
{{- range $key, $value := . }}
{{- $pairs = append $pairs (printf "%s=%v" $key $value) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}

{{/*
The webhook's TLS material: the user's (webhookTLS), the Secret already in the cluster
(keepTLSSecret), or a new CA and certificate. Returns YAML with caCert, cert and key.
*/}}
{{- define "lbc.webhookTls" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "lbc.webhookSecret" .) }}
{{- if and .Values.webhookTLS.caCert .Values.webhookTLS.cert .Values.webhookTLS.key }}
caCert: {{ .Values.webhookTLS.caCert | b64enc }}
cert: {{ .Values.webhookTLS.cert | b64enc }}
key: {{ .Values.webhookTLS.key | b64enc }}
{{- else if and .Values.keepTLSSecret $existing }}
caCert: {{ index $existing.data "ca.crt" }}
cert: {{ index $existing.data "tls.crt" }}
key: {{ index $existing.data "tls.key" }}
{{- else }}
{{- $service := include "lbc.webhookService" . }}
{{- $altNames := list (printf "%s.%s.svc" $service .Release.Namespace) (printf "%s.%s.svc.%s" $service .Release.Namespace .Values.cluster.dnsDomain) }}
{{- $ca := genCA "aws-load-balancer-controller-ca" 3650 }}
{{- $cert := genSignedCert (printf "%s.%s.svc" $service .Release.Namespace) nil $altNames 3650 $ca }}
caCert: {{ $ca.Cert | b64enc }}
cert: {{ $cert.Cert | b64enc }}
key: {{ $cert.Key | b64enc }}
{{- end }}
{{- end }}
