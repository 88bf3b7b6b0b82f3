/**
 * Top-level domains an email address may end in. Country codes are complete (ISO 3166-1 alpha-2
 * as delegated in the IANA root zone, plus `uk`, `eu`, `ac`, `su`); generic TLDs are the original
 * ones and the most used new ones. An unknown alphabetic TLD of three or more letters is still
 * plausible (there are over a thousand), so the recognizer lowers its score rather than rejecting.
 */
const COUNTRY_CODES =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk ' +
  'fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir ' +
  'is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml ' +
  'mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn ' +
  'pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg ' +
  'th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw';

const GENERIC =
  'com org net edu gov mil int arpa info biz name pro aero coop museum mobi jobs travel tel cat asia post ' +
  'xxx io ai app dev cloud online site tech store shop xyz top club live blog email space website news ' +
  'agency company solutions services digital media network systems group global world today life studio ' +
  'design page link click one art fun icu vip work co';

const KNOWN = new Set(`${COUNTRY_CODES} ${GENERIC}`.split(' '));

export type TldVerdict = 'known' | 'plausible' | 'invalid';

export function checkTld(tld: string): TldVerdict {
  const lower = tld.toLowerCase();
  if (KNOWN.has(lower)) return 'known';
  if (
    lower.startsWith('xn--') ||
    (lower.length >= 3 && lower.length <= 24 && /^[a-z]+$/.test(lower))
  ) {
    return 'plausible';
  }
  return 'invalid';
}
