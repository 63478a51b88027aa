package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// prescanBytes is the head of a document searched for its declared
// charset, as the HTML standard's prescan does.
const prescanBytes = 1024

// xmlDecl matches an XML declaration that names an encoding, which is its
// first group.
var xmlDecl = regexp.MustCompile(`^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']`)

// decode converts a body of the given Content-Type to UTF-8 and returns it
// with the name of the charset it was in. A body that is not text is
// returned as it is, with no name. The UTF-8 returned has no byte order
// mark, no invalid sequence (each run of them is one U+FFFD) and, for
// XML, a declaration naming UTF-8, so that no parser decodes it twice.
func decode(body []byte, contentType string) ([]byte, string) {
	if !textual(contentType) {
		return body, ""
	}
	enc, name := detect(body, contentType)
	if name != "utf-8" {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			body = out
		}
	}
	body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	return declareUTF8(body), name
}

// textual reports whether a Content-Type is of text: text/*, XML, JSON, or
// none said.
func textual(contentType string) bool {
	media, _, _ := mime.ParseMediaType(contentType)
	return media == "" || strings.HasPrefix(media, "text/") ||
		strings.HasSuffix(media, "xml") || strings.HasSuffix(media, "json")
}

// detect returns the encoding of body, as a browser would choose it: a
// byte order mark, else the charset of the Content-Type, else the
// document's declaration (XML declaration or HTML meta tag), else UTF-8
// when the whole body is valid UTF-8, else windows-1252.
func detect(body []byte, contentType string) (encoding.Encoding, string) {
	if enc, name := bom(body); enc != nil {
		return enc, name
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if enc, name := charset.Lookup(params["charset"]); enc != nil {
			return enc, name
		}
	}
	if enc, name := charset.Lookup(declared(body[:min(len(body), prescanBytes)])); enc != nil {
		if strings.HasPrefix(name, "utf-16") {
			// A declaration read as ASCII cannot be in UTF-16.
			return charset.Lookup("utf-8")
		}
		return enc, name
	}
	if utf8.Valid(body) {
		return charset.Lookup("utf-8")
	}
	return charset.Lookup("windows-1252")
}

// bom returns the encoding named by a byte order mark at the start of body.
func bom(body []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return charset.Lookup("utf-8")
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return charset.Lookup("utf-16be")
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return charset.Lookup("utf-16le")
	}
	return nil, ""
}

// declared returns the charset a document's head declares: the encoding
// of its XML declaration, or for HTML the charset of its first meta tag
// that names one.
func declared(head []byte) string {
	if m := xmlDecl.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) {
		return ""
	}
	return metaCharset(head)
}

// metaCharset returns the charset named by the first meta tag of an HTML
// head that names one, either as <meta charset> or as <meta
// http-equiv="Content-Type" content="text/html; charset=...">.
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, more := z.TagName(); string(name) == "meta" && more {
				if cs := metaAttrs(z); cs != "" {
					return cs
				}
			}
		}
	}
}

// metaAttrs returns the charset the attributes of a meta tag name.
func metaAttrs(z *html.Tokenizer) string {
	var cs, equiv, content string
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch string(key) {
		case "charset":
			cs = string(val)
		case "http-equiv":
			equiv = strings.ToLower(string(val))
		case "content":
			content = string(val)
		}
	}
	if cs != "" || equiv != "content-type" {
		return cs
	}
	_, params, _ := mime.ParseMediaType(content)
	return params["charset"]
}

// declareUTF8 makes the encoding of the XML declaration of a body
// converted to UTF-8, if any, say so.
func declareUTF8(body []byte) []byte {
	m := xmlDecl.FindSubmatchIndex(body[:min(len(body), prescanBytes)])
	if m == nil || strings.EqualFold(string(body[m[2]:m[3]]), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, body[m[3]:]...)
}
