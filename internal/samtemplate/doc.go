// Package samtemplate reads the resource definitions `embedarchive setup`
// creates (the archive table with its indexes, the buckets) from the SAM
// template, so that template.yaml stays the one source of truth.
package samtemplate
