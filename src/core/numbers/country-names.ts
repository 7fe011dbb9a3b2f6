/**
 * Data for reading a country cell: ISO 3166-1 alpha-3 and numeric codes, the names CRMs hold that
 * the CLDR display names (Intl.DisplayNames, used for the nine languages) do not give, and the
 * names that fit more than one country.
 */

/** ISO2 then ISO3, for the regions libphonenumber knows (AC and TA have no alpha-3 code). */
export const ISO3 =
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE ' +
  'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS BTBTN BVBVT BWBWA BYBLR BZBLZ ' +
  'CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE ' +
  'DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA ' +
  'GAGAB GBGBR GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY ' +
  'HKHKG HMHMD HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM JOJOR JPJPN ' +
  'KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY ' +
  'MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ ' +
  'NANAM NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT ' +
  'REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV SXSXM SYSYR SZSWZ ' +
  'TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB ' +
  'VAVAT VCVCT VEVEN VGVGB VIVIR VNVNM VUVUT WFWLF WSWSM XKXKX YEYEM YTMYT ZAZAF ZMZMB ZWZWE';

/**
 * ISO2 then the ISO 3166-1 numeric code, for every officially assigned code (source: ISO 3166-1 as
 * published by ISO's Online Browsing Platform, mirrored in the UN M49 "country or area" codes).
 * CRMs export these as a country column ("276" for Germany, "040" for Austria, "756" for Switzerland).
 */
export const ISO_NUMERIC =
  'AF004 AX248 AL008 DZ012 AS016 AD020 AO024 AI660 AQ010 AG028 AR032 AM051 AW533 AU036 AT040 AZ031 ' +
  'BS044 BH048 BD050 BB052 BY112 BE056 BZ084 BJ204 BM060 BT064 BO068 BQ535 BA070 BW072 BV074 BR076 ' +
  'IO086 BN096 BG100 BF854 BI108 CV132 KH116 CM120 CA124 KY136 CF140 TD148 CL152 CN156 CX162 CC166 ' +
  'CO170 KM174 CG178 CD180 CK184 CR188 CI384 HR191 CU192 CW531 CY196 CZ203 DK208 DJ262 DM212 DO214 ' +
  'EC218 EG818 SV222 GQ226 ER232 EE233 SZ748 ET231 FK238 FO234 FJ242 FI246 FR250 GF254 PF258 TF260 ' +
  'GA266 GM270 GE268 DE276 GH288 GI292 GR300 GL304 GD308 GP312 GU316 GT320 GG831 GN324 GW624 GY328 ' +
  'HT332 HM334 VA336 HN340 HK344 HU348 IS352 IN356 ID360 IR364 IQ368 IE372 IM833 IL376 IT380 JM388 ' +
  'JP392 JE832 JO400 KZ398 KE404 KI296 KP408 KR410 KW414 KG417 LA418 LV428 LB422 LS426 LR430 LY434 ' +
  'LI438 LT440 LU442 MO446 MG450 MW454 MY458 MV462 ML466 MT470 MH584 MQ474 MR478 MU480 YT175 MX484 ' +
  'FM583 MD498 MC492 MN496 ME499 MS500 MA504 MZ508 MM104 NA516 NR520 NP524 NL528 NC540 NZ554 NI558 ' +
  'NE562 NG566 NU570 NF574 MK807 MP580 NO578 OM512 PK586 PW585 PS275 PA591 PG598 PY600 PE604 PH608 ' +
  'PN612 PL616 PT620 PR630 QA634 RE638 RO642 RU643 RW646 BL652 SH654 KN659 LC662 MF663 PM666 VC670 ' +
  'WS882 SM674 ST678 SA682 SN686 RS688 SC690 SL694 SG702 SX534 SK703 SI705 SB090 SO706 ZA710 GS239 ' +
  'SS728 ES724 LK144 SD729 SR740 SJ744 SE752 CH756 SY760 TW158 TJ762 TZ834 TH764 TL626 TG768 TK772 ' +
  'TO776 TT780 TN788 TR792 TM795 TC796 TV798 UG800 UA804 AE784 GB826 US840 UM581 UY858 UZ860 VU548 ' +
  'VE862 VN704 VG092 VI850 WF876 EH732 YE887 ZM894 ZW716';

/** Names and abbreviations people write that CLDR's standard names miss (older names, parts, short forms). */
export const ALIASES: Record<string, string[]> = {
  GB: ['UK', 'U.K.', 'United Kingdom of Great Britain and Northern Ireland', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Great Britain', 'Britain', 'Großbritannien', 'Grossbritannien', 'Schottland', 'Angleterre', 'Grande-Bretagne', 'Écosse', 'Inglaterra', 'Gran Bretaña', 'Escocia', 'Grã-Bretanha', 'Inghilterra', 'Gran Bretagna', 'Scozia', 'Inggris', 'Britania Raya', 'İngiltere', 'Büyük Britanya', '英格兰', '英格蘭'],
  US: ['USA', 'U.S.', 'U.S.A.', 'America', 'United States of America', 'Vereinigte Staaten von Amerika', 'Amerika', 'États-Unis d’Amérique', 'Estados Unidos de América', 'Estados Unidos da América', 'EEUU', 'EE.UU.', 'EUA', 'Stati Uniti d’America', 'ABD', 'Amerika Birleşik Devletleri'],
  NL: ['Holland', 'Hollande', 'Holanda', 'Olanda', 'Belanda', 'Hollanda', 'Niederlande', 'Netherlands', 'Pays-Bas', 'Países Bajos', 'Países Baixos', 'Paesi Bassi', 'Hollanda', '荷兰', '荷蘭'],
  TR: ['Turkey', 'Türkei', 'Turquie', 'Turquía', 'Turquia', 'Turchia', 'Turki', 'Türkiye', 'Turkiye', 'Türkiye Cumhuriyeti', 'Republic of Turkey', 'Republic of Türkiye'],
  KR: ['South Korea', 'Republic of Korea', 'Korea, Republic of', 'Korea South', 'Korea Rep', 'ROK', 'Südkorea', 'Corée du Sud', 'Corea del Sur', 'Coreia do Sul', 'Corea del Sud', 'Korea Selatan', 'Güney Kore', '南韩', '南韓'],
  RU: ['Russia', 'Russian Federation', 'Russische Föderation', 'Russie', 'Rusia', 'Rússia', 'Rusya'],
  CZ: ['Czech Republic', 'Tschechische Republik', 'République tchèque', 'República Checa', 'República Tcheca', 'Repubblica Ceca', 'Republik Ceko', 'Çek Cumhuriyeti'],
  AE: ['UAE', 'U.A.E.', 'VAE', 'EAU'],
  CI: ['Ivory Coast', 'Elfenbeinküste'],
  MK: ['Macedonia', 'Mazedonien', 'Macédoine', 'Macedonia del Norte'],
  SZ: ['Swaziland'],
  CV: ['Cape Verde', 'Kap Verde'],
  TL: ['East Timor', 'Osttimor'],
  MM: ['Burma', 'Birma'],
  VA: ['Vatican', 'Vatikan', 'Vatican City'],
  VN: ['Vietnam', 'Viet Nam'],
  CN: ['PRC', 'P.R.C.', 'P.R. China', "People's Republic of China", 'China (Mainland)', 'VR China', 'Volksrepublik China', 'Mainland China', '中國大陸', '中国大陆'],
  HK: ['Hongkong', 'Hong Kong SAR', 'Hong Kong S.A.R.', 'Hong Kong SAR China', 'Hong Kong, China', 'Hong Kong (China)'],
  MO: ['Macau', 'Macao SAR', 'Macau SAR', 'Macao S.A.R.', 'Macao SAR China', 'Macau, China'],
  TW: ['Republic of China', 'R.O.C.'],
  // The neighbours' names again, so a Node built without full ICU data still reads a DACH list.
  DE: ['BRD', 'Bundesrepublik Deutschland', 'Federal Republic of Germany', 'Deutschland', 'Germany', 'Allemagne', 'Alemania', 'Alemanha', 'Germania', 'Jerman', 'Almanya', '德国', '德國'],
  CH: ['Swiss', 'Schweizerische Eidgenossenschaft', 'Confédération suisse', 'Schweiz', 'Switzerland', 'Suisse', 'Suiza', 'Suíça', 'Svizzera', 'İsviçre', '瑞士'],
  AT: ['Oesterreich', 'Österreich', 'Austria', 'Autriche', 'Áustria', 'Avusturya', '奥地利', '奧地利'],
  FR: ['Frankreich', 'France', 'Francia', 'França', 'Prancis', 'Fransa', '法国', '法國'],
  IT: ['Italien', 'Italy', 'Italie', 'Italia', 'Itália', 'İtalya', '意大利', '義大利'],
  ES: ['Espanya', 'Spanien', 'Spain', 'Espagne', 'España', 'Espanha', 'Spagna', 'Spanyol', 'İspanya', '西班牙'],
  PL: ['Polen', 'Poland', 'Pologne', 'Polonia', 'Polônia', 'Polandia', 'Polonya', '波兰', '波蘭'],
  BA: ['Bosnia', 'Bosnien'],
  CD: [
    'DR Congo', 'DRC', 'Kongo-Kinshasa', 'Congo-Kinshasa', 'Democratic Republic of the Congo', 'Democratic Republic of Congo',
    'Congo, Democratic Republic of the', 'Congo, The Democratic Republic of the', 'Congo Dem Rep', 'RD Congo', 'RDC', 'DR Kongo',
    'Demokratische Republik Kongo', 'République démocratique du Congo', 'República Democrática do Congo', 'Repubblica Democratica del Congo',
    'Republik Demokratik Kongo', 'Kongo Demokratik Cumhuriyeti', 'Zaire', 'Zaïre', '刚果民主共和国', '剛果民主共和國',
  ],
  CG: [
    'Kongo-Brazzaville', 'Congo-Brazzaville', 'Republic of the Congo', 'Republic of Congo', 'Congo Republic', 'Congo, Republic of the',
    'Congo Rep', 'Republik Kongo', 'République du Congo', 'República del Congo', 'Repubblica del Congo', 'Kongo Cumhuriyeti', '刚果共和国', '剛果共和國',
  ],
  PS: ['Palestine', 'Palästina'],
  SA: ['KSA', 'Kingdom of Saudi Arabia'],
  IR: ['Persia', 'Persien'],
  SY: ['Syria', 'Syrien', 'Syrian Arab Republic'],
  LA: ['Laos', "Lao People's Democratic Republic", 'Lao PDR'],
  BO: ['Bolivia'],
  VE: ['Venezuela'],
  TZ: ['Tanzania'],
  MD: ['Moldova', 'Moldawien'],
  BY: ['Weißrussland', 'Weissrussland', 'Byelorussia'],
  KP: ['North Korea', 'Nordkorea', "Korea, Democratic People's Republic of", "Democratic People's Republic of Korea", 'Korea North', 'Korea Dem Rep', 'DPRK'],
  MF: ['Saint Martin (French part)', 'Saint-Martin (partie française)', 'French Saint Martin'],
  VG: ['Virgin Islands, British', 'BVI'],
  VI: ['Virgin Islands, U.S.', 'US Virgin Islands', 'USVI'],
};

/**
 * Names that fit more than one country: such a cell never picks one of them. The row's number
 * decides (it is valid under exactly one), else the row counts as having no single country.
 */
export const AMBIGUOUS_NAMES: Array<{ regions: string[]; names: string[] }> = [
  // Republic of the Congo (+242) and the Democratic Republic of the Congo (+243). CLDR's Spanish
  // name of CG is plain "Congo"; in lists it means either.
  { regions: ['CG', 'CD'], names: ['Congo', 'Kongo', 'The Congo', 'Le Congo', 'El Congo', 'O Congo', 'Il Congo', '刚果', '剛果'] },
  // South (+82) and North Korea (+850).
  { regions: ['KR', 'KP'], names: ['Korea', 'Corée', 'Corea', 'Coreia', 'Kore'] },
  // British (+1 284) and U.S. Virgin Islands (+1 340).
  // The island of Saint Martin: the French part (+590) and Sint Maarten, the Dutch part (+1 721).
  { regions: ['MF', 'SX'], names: ['Saint Martin', 'St. Martin', 'St Martin', 'Saint Martin Island'] },
  { regions: ['VG', 'VI'], names: ['Virgin Islands', 'Jungferninseln', 'Islas Vírgenes', 'Ilhas Virgens', 'Îles Vierges', 'Isole Vergini', 'Kepulauan Virgin', 'Virjin Adaları', '维尔京群岛', '維京群島'] },
];
