package clean

import (
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"

	"github.com/parallax-news/parallax"
)

// outlet is a publisher.
type outlet struct{ id, name string }

// hosts maps a registered domain to its outlet. The list is read-only.
var hosts = map[string]outlet{
	"bbc.co.uk": {"bbc", "BBC News"}, "bbc.com": {"bbc", "BBC News"},
	"theguardian.com": {"guardian", "The Guardian"}, "guardian.co.uk": {"guardian", "The Guardian"},
	"reuters.com": {"reuters", "Reuters"}, "apnews.com": {"ap", "Associated Press"},
	"afp.com": {"afp", "AFP"}, "france24.com": {"france24", "France 24"},
	"aljazeera.com": {"aljazeera", "Al Jazeera"}, "nytimes.com": {"nyt", "The New York Times"},
	"washingtonpost.com": {"wapo", "The Washington Post"}, "wsj.com": {"wsj", "The Wall Street Journal"},
	"cnn.com": {"cnn", "CNN"}, "foxnews.com": {"fox", "Fox News"}, "nbcnews.com": {"nbc", "NBC News"},
	"cbsnews.com": {"cbs", "CBS News"}, "abcnews.go.com": {"abc", "ABC News"}, "npr.org": {"npr", "NPR"},
	"politico.com": {"politico", "Politico"}, "axios.com": {"axios", "Axios"}, "bloomberg.com": {"bloomberg", "Bloomberg"},
	"ft.com": {"ft", "Financial Times"}, "economist.com": {"economist", "The Economist"},
	"independent.co.uk": {"independent", "The Independent"}, "telegraph.co.uk": {"telegraph", "The Telegraph"},
	"dw.com": {"dw", "Deutsche Welle"}, "euronews.com": {"euronews", "Euronews"}, "usatoday.com": {"usatoday", "USA Today"},
	"latimes.com": {"latimes", "Los Angeles Times"}, "thehill.com": {"thehill", "The Hill"}, "cnbc.com": {"cnbc", "CNBC"},
	"news.sky.com": {"sky", "Sky News"}, "elpais.com": {"elpais", "El País"}, "lemonde.fr": {"lemonde", "Le Monde"},
	"nypost.com": {"nypost", "New York Post"}, "nydailynews.com": {"nydailynews", "New York Daily News"},
	"chicagotribune.com": {"chicagotribune", "Chicago Tribune"}, "bostonglobe.com": {"bostonglobe", "The Boston Globe"},
	"sfgate.com": {"sfgate", "SFGate"}, "miamiherald.com": {"miamiherald", "Miami Herald"}, "time.com": {"time", "Time"},
	"newsweek.com": {"newsweek", "Newsweek"}, "theatlantic.com": {"atlantic", "The Atlantic"}, "vox.com": {"vox", "Vox"},
	"huffpost.com": {"huffpost", "HuffPost"}, "huffingtonpost.com": {"huffpost", "HuffPost"}, "businessinsider.com": {"insider", "Business Insider"},
	"forbes.com": {"forbes", "Forbes"}, "yahoo.com": {"yahoo", "Yahoo"}, "msn.com": {"msn", "MSN"}, "msnbc.com": {"msnbc", "MSNBC"},
	"abc.net.au": {"abcau", "ABC News (Australia)"}, "smh.com.au": {"smh", "The Sydney Morning Herald"}, "cbc.ca": {"cbc", "CBC News"},
	"theglobeandmail.com": {"globeandmail", "The Globe and Mail"}, "dailymail.co.uk": {"dailymail", "Daily Mail"},
	"thetimes.co.uk": {"thetimes", "The Times"}, "mirror.co.uk": {"mirror", "Daily Mirror"}, "thesun.co.uk": {"sun", "The Sun"},
	"express.co.uk": {"express", "Daily Express"}, "standard.co.uk": {"standard", "Evening Standard"}, "itv.com": {"itv", "ITV News"},
	"channel4.com": {"channel4", "Channel 4 News"}, "irishtimes.com": {"irishtimes", "The Irish Times"}, "rte.ie": {"rte", "RTÉ"},
	"spiegel.de": {"spiegel", "Der Spiegel"}, "zeit.de": {"zeit", "Die Zeit"}, "faz.net": {"faz", "FAZ"}, "sueddeutsche.de": {"sz", "Süddeutsche Zeitung"},
	"lefigaro.fr": {"lefigaro", "Le Figaro"}, "liberation.fr": {"liberation", "Libération"}, "elmundo.es": {"elmundo", "El Mundo"},
	"corriere.it": {"corriere", "Corriere della Sera"}, "repubblica.it": {"repubblica", "la Repubblica"}, "ansa.it": {"ansa", "ANSA"},
	"timesofindia.indiatimes.com": {"toi", "The Times of India"}, "hindustantimes.com": {"ht", "Hindustan Times"}, "thehindu.com": {"thehindu", "The Hindu"},
	"ndtv.com": {"ndtv", "NDTV"}, "scmp.com": {"scmp", "South China Morning Post"}, "japantimes.co.jp": {"japantimes", "The Japan Times"},
	"straitstimes.com": {"straitstimes", "The Straits Times"}, "haaretz.com": {"haaretz", "Haaretz"}, "timesofisrael.com": {"timesofisrael", "The Times of Israel"},
	"people.com": {"people", "People"}, "usmagazine.com": {"usmagazine", "Us Weekly"}, "eonline.com": {"eonline", "E! News"},
	"etonline.com": {"etonline", "Entertainment Tonight"}, "tmz.com": {"tmz", "TMZ"}, "variety.com": {"variety", "Variety"},
	"hollywoodreporter.com": {"thr", "The Hollywood Reporter"}, "accesshollywood.com": {"accesshollywood", "Access Hollywood"},
	"today.com": {"today", "Today"}, "espn.com": {"espn", "ESPN"}, "espn.go.com": {"espn", "ESPN"}, "si.com": {"si", "Sports Illustrated"},
	"techcrunch.com": {"techcrunch", "TechCrunch"}, "theverge.com": {"verge", "The Verge"}, "wired.com": {"wired", "Wired"},
	"arstechnica.com": {"arstechnica", "Ars Technica"}, "cnet.com": {"cnet", "CNET"}, "zdnet.com": {"zdnet", "ZDNet"},
	"ap.org": {"ap", "Associated Press"}, "upi.com": {"upi", "UPI"}, "xinhuanet.com": {"xinhua", "Xinhua"}, "tass.com": {"tass", "TASS"},
	"inquirer.net": {"inquirer", "Philippine Daily Inquirer"}, "ktla.com": {"ktla", "KTLA"}, "thehollywoodgossip.com": {"hollywoodgossip", "The Hollywood Gossip"},
}

// agencies names the wire agencies recognised in datelines and tails.
var agencies = map[string]outlet{
	"reuters": {"reuters", "Reuters"}, "ap": {"ap", "Associated Press"}, "associated press": {"ap", "Associated Press"},
	"afp": {"afp", "AFP"}, "agence france-presse": {"afp", "AFP"}, "dpa": {"dpa", "dpa"}, "upi": {"upi", "UPI"},
	"bloomberg": {"bloomberg", "Bloomberg"}, "efe": {"efe", "EFE"}, "ani": {"ani", "ANI"}, "pti": {"pti", "PTI"},
}

const agencyNames = `Reuters|AP|Associated Press|AFP|Agence France-Presse|dpa|UPI|Bloomberg|EFE|ANI|PTI`

var (
	urlInText   = regexp.MustCompile(`https?://[^\s"'<>]+`)
	viaAgency   = regexp.MustCompile(`\bvia (` + agencyNames + `)\b`)
	bbcCue      = regexp.MustCompile(`British Summer Time|/BBC\b|BBC News\b`)
	guardianCue = regexp.MustCompile(`\bPhotograph: [^\n]+`)
)

// Outlet names the outlet of a document as Clean does, from its metadata
// and text, without cleaning it: cheap enough to name the outlets of every
// article of a store. The agency of a tail or dateline is looked for on
// every line, where Clean looks at the lines it keeps only.
func Outlet(d *parallax.Document) string {
	_, name := outletOf(d, agencyCue(d.Text))
	return name
}

// agencyCue returns the agency named by the last line that ends with an
// agency tail ("– Reuters"), else by a dateline opening the first long
// line ("WASHINGTON (AP) —"), else "".
func agencyCue(text string) string {
	tail, first := "", true
	for line := range strings.SplitSeq(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if first && len(strings.Fields(t)) > 8 {
			first = false
			if m := dateline.FindStringSubmatch(t); m != nil && tail == "" {
				tail = m[2]
			}
		}
		if mayEndWithAgency(line) {
			if m := agencyTail.FindStringSubmatch(line); m != nil {
				tail = m[1] + m[2]
			}
		}
	}
	return tail
}

// outletOf names the outlet of a document, from the strongest evidence
// available: the document's URL or source field, then cues in the text (an
// agency tail or dateline, a URL left by the scraper, a house style), then
// the record's identifier or the file name.
func outletOf(d *parallax.Document, tail string) (id, name string) {
	// A known outlet's web address beats a feed's or site's own title
	// ("World news | The Guardian").
	if o, known := outletOfURL(d.URL); known {
		return o.id, o.name
	}
	if d.Source != "" {
		if o, ok := outletOfName(d.Source); ok {
			return o.id, o.name
		}
		return slug(d.Source), d.Source
	}
	if o, _ := outletOfURL(d.URL); o.id != "" {
		return o.id, o.name
	}
	if tail != "" {
		if o, ok := agencies[strings.ToLower(tail)]; ok {
			return o.id, o.name
		}
	}
	for _, u := range urlsIn(d.Text) {
		if o, _ := outletOfURL(u); o.id != "" {
			return o.id, o.name
		}
	}
	if hasAny(d.Text, []string{"British Summer Time", "BBC"}) && bbcCue.MatchString(d.Text) {
		return "bbc", "BBC News"
	}
	if strings.Contains(d.Text, "via ") {
		if m := viaAgency.FindStringSubmatch(d.Text); m != nil {
			o := agencies[strings.ToLower(m[1])]
			return o.id, o.name
		}
	}
	if strings.Contains(d.Text, "Photograph: ") && guardianCue.MatchString(d.Text) {
		return "guardian", "The Guardian"
	}
	base := filepath.Base(d.Path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if d.ID != "" && d.ID != d.Path && d.ID != "stdin" {
		base = d.ID // a record of a JSON file: its own identifier
	}
	if base == "" || base == "-" || base == "." {
		base = "source"
	}
	id = slug(base)
	// "004_d6d009439b8b083c" → "004": a scraper's hash says nothing to a
	// reader, and neither does a bare number; such an outlet is named for
	// what it is, "unnamed outlet (004)". A name a person gave the file
	// ("guardian-copy") stays.
	if m := hashSuffix.FindStringSubmatch(id); m != nil {
		id = m[1]
		return id, "unnamed outlet (" + id + ")"
	}
	if bareNumber.MatchString(id) || base == "source" {
		return id, "unnamed outlet (" + id + ")"
	}
	return id, base
}

var bareNumber = regexp.MustCompile(`^[0-9]+$`)

var hashSuffix = regexp.MustCompile(`^([a-z0-9]+?)-[0-9a-f]{8,}$`)

// outletOfURL looks a URL's host up in the table of outlets (known is
// then true), or names the outlet after the host's main label
// ("example.com" → "Example"). It returns the zero outlet for no URL.
func outletOfURL(raw string) (o outlet, known bool) {
	if raw == "" {
		return outlet{}, false
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return outlet{}, false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for h := host; h != ""; {
		if o, ok := hosts[h]; ok {
			return o, true
		}
		_, rest, found := strings.Cut(h, ".")
		if !found || !strings.Contains(rest, ".") {
			break
		}
		h = rest
	}
	// An unknown outlet is named after its registered domain, not a
	// subdomain: "uk.eonline.com" → "Eonline", "music.yahoo.com" → "Yahoo".
	if reg, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		host = reg
	}
	label, _, _ := strings.Cut(host, ".")
	if label == "" {
		return outlet{}, false
	}
	return outlet{slug(label), strings.ToUpper(label[:1]) + label[1:]}, false
}

// outletOfName finds a known outlet named in a source or feed title
// ("World news | The Guardian", "Reuters: World News"), the longest name
// first so that the result does not depend on map order.
func outletOfName(s string) (outlet, bool) {
	lower := strings.ToLower(s)
	var names []string
	byName := map[string]outlet{}
	for _, o := range hosts {
		n := strings.ToLower(o.name)
		byName[n] = o
		names = append(names, n)
	}
	for n, o := range agencies {
		if len(n) > 3 {
			byName[n] = o
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		if strings.Contains(lower, n) {
			return byName[n], true
		}
	}
	return outlet{}, false
}

// slug turns a name into a short lower-case identifier.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// urlsIn returns the web addresses in s.
func urlsIn(s string) []string {
	if !strings.Contains(s, "://") {
		return nil
	}
	return urlInText.FindAllString(s, -1)
}
