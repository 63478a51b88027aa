package parallax

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
	"unicode"
)

// Identity returns the key under which a store keeps a document, so that
// the same article reached by another path or URL variant is stored once:
// its canonical URL when it has one (see CanonicalURL), else its own ID as
// the input gave it, else "text:" and a hash of its normalised text (case
// and runs of spaces and punctuation folded). The path as typed never
// enters it.
func Identity(d *Document) string {
	if u := CanonicalURL(d.URL); u != "" {
		return u
	}
	if d.ID != "" {
		return d.ID
	}
	return "text:" + TextHash(d.Title+"\n"+d.Text)
}

// TextHash returns the hex SHA-256 (its first 16 bytes) of s normalised:
// lower case, every run of characters other than letters and digits one
// space. Two copies of a text that differ only in spacing, case or
// punctuation hash the same.
func TextHash(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		gap = true
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:16])
}

// trackingParams are query parameters that tell where a reader came from,
// not which page they read: dropped from canonical URLs. Parameters that
// start with "utm_" are dropped too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "msclkid": true, "yclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "mkt_tok": true,
	"ocid": true, "cmpid": true, "cmp": true, "ito": true, "at_medium": true, "at_campaign": true,
	"ref": true, "ref_src": true, "smid": true, "sr_share": true,
}

// CanonicalURL returns raw in a canonical form: scheme and host in lower
// case, the default port, the fragment and tracking parameters (utm_*,
// fbclid, gclid and the like) dropped, the remaining parameters sorted. It
// returns "" for anything but an absolute http or https URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
				delete(q, k)
			}
		}
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			vs := q[k]
			sort.Strings(vs)
			for _, v := range vs {
				if b.Len() > 0 {
					b.WriteByte('&')
				}
				b.WriteString(url.QueryEscape(k))
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
		u.RawQuery = b.String()
	}
	u.ForceQuery = false
	return u.String()
}
