package osint

import "strings"

// common are ordinary English words (and words of news about arms) that
// a one-word listed name may also be ("Alpha", "Global", "Victory"): such
// a name is never a mention on its own.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(commonWords) {
		m[w] = true
	}
	return m
}()

const commonWords = `
about above across action active advance african after again against agency agent agents aircraft alliance alpha
along already also although always america american among analysis ancient annual another answer anyone anything
april arab arabian area areas armed armies arms army around asian assembly atlantic attack august aurora avenue
aviation balance baltic banking banks barrier based basic beacon beauty before began behind being belief believe
below benefit better between beyond black blessing blue board border bosphorus branch bravo bridge bright british
brother brothers budget build building built bureau business called camel capital cardinal career cargo carrier
carriers caspian castle central centre center century certain chain chairman challenge champion change channel
charity charlie cheap chemical chief children choice circle cities citizen citizens civil class classic clear
climate close coast coastal column combat comfort command commander commerce commercial committee common company
complex concept condor congress connect constant construction consulting continental contract control cooperation
copper coral corner corps council country course court cover create creative credit crescent crown crystal culture
current daily dawn december defence defense delta democracy desert design development diamond digital direct
director district document dolphin dragon dream drone drones during dynamic eagle early earth eastern echo economic
eden effort eight eighteen electric electronic electronics element eleven elite emerald empire energy engineering
enterprise equity escort europe european every evidence exchange expert export express faith falcon family famous
february federal fidelity field fifth final finance first fleet flight focus force forces forest fortune forum
forward foundation fourth fraternity freedom friend friendship front frontier future galaxy garden gateway general
genesis giant global glory golden government grace grand great green group growth guard guardian guide gulf harbor
harbour harmony harvest hawk health heart heaven heavy heritage hero highway holding holdings honest honor honour
horizon house human hunter ideal imperial import india industrial industries industry infinity innovation inside
institute insurance integral intelligence interests international investment island islamic jaguar january jewel
journal july june justice kingdom knight labour land leader leaders leading legacy legend liberty light lightning
limited lion local logistics lotus loyal lucky magic maritime marine market master maximum media medical meridian
metal middle military million minister ministry mission modern monarch money moon morning mountain national nations
natural navigator network new news nexus night noble north northern november ocean october office oasis omega
orient orion pacific pacific palace palm paradise partner partners patriot peace pearl people persian phoenix pilot
pioneer planet platinum point polar popular power precision premier president press prestige prime prince princess
progress project prosperity protection providence public pyramid quality queen quest radiance rainbow ranger rapid
reach rebel red reform regional reliance republic research reserve resolute resources revolution river road rock
royal ruby safety sahara saint salam sapphire saturn science scorpion seaside second secure security senate senior
september service services seven shadow shield shine signal silver simple sky smart solar solid sovereign space
special spectrum spirit spring standard star stars state states steel sterling storm strategic strength strong
success summit sun sunrise sunshine superior supply supreme swift system systems talent target technical technology
temple thunder tiger titan today total tower trade trading transit transport treasure triangle trinity triumph
trust truth twin ultra union unique united unity universal universe valley vanguard venture venus victor victoria
victory view village vision vista voice volunteer wave wealth west western white wind winner winter wisdom world
yellow youth zenith zone
`
