/**
 * Data for reading a country cell: ISO 3166-1 alpha-3 codes, and the names CRMs hold that the
 * CLDR display names (Intl.DisplayNames, used for the nine languages) do not give.
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

/** Names and abbreviations people write that CLDR's standard names miss (older names, parts, short forms). */
export const ALIASES: Record<string, string[]> = {
  GB: ['UK', 'U.K.', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Great Britain', 'Britain', 'Großbritannien', 'Grossbritannien', 'Schottland', 'Angleterre', 'Grande-Bretagne', 'Écosse', 'Inglaterra', 'Gran Bretaña', 'Escocia', 'Grã-Bretanha', 'Inghilterra', 'Gran Bretagna', 'Scozia', 'Inggris', 'Britania Raya', 'İngiltere', 'Büyük Britanya', '英格兰', '英格蘭'],
  US: ['USA', 'U.S.', 'U.S.A.', 'America', 'United States of America', 'Vereinigte Staaten von Amerika', 'Amerika', 'États-Unis d’Amérique', 'Estados Unidos de América', 'Estados Unidos da América', 'EEUU', 'EE.UU.', 'EUA', 'Stati Uniti d’America', 'ABD', 'Amerika Birleşik Devletleri'],
  NL: ['Holland', 'Hollande', 'Holanda', 'Olanda', 'Belanda', 'Hollanda', 'Niederlande', 'Netherlands', 'Pays-Bas', 'Países Bajos', 'Países Baixos', 'Paesi Bassi', 'Hollanda', '荷兰', '荷蘭'],
  TR: ['Turkey', 'Türkei', 'Turquie', 'Turquía', 'Turquia', 'Turchia', 'Turki', 'Türkiye', 'Turkiye'],
  KR: ['Korea', 'South Korea', 'Republic of Korea', 'Südkorea', 'Corée du Sud', 'Corea del Sur', 'Coreia do Sul', 'Corea del Sud', 'Korea Selatan', 'Güney Kore', '南韩', '南韓'],
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
  CN: ['PRC', 'VR China', 'Volksrepublik China', 'Mainland China', '中國大陸', '中国大陆'],
  HK: ['Hongkong'],
  MO: ['Macau'],
  TW: ['Republic of China', 'R.O.C.'],
  // The neighbours' names again, so a Node built without full ICU data still reads a DACH list.
  DE: ['BRD', 'Bundesrepublik Deutschland', 'Federal Republic of Germany', 'Deutschland', 'Germany', 'Allemagne', 'Alemania', 'Alemanha', 'Germania', 'Jerman', 'Almanya', '德国', '德國'],
  CH: ['Swiss', 'Schweizerische Eidgenossenschaft', 'Confédération suisse', 'Schweiz', 'Switzerland', 'Suisse', 'Suiza', 'Suíça', 'Svizzera', 'İsviçre', '瑞士'],
  AT: ['Oesterreich', 'Österreich', 'Austria', 'Autriche', 'Áustria', 'Avusturya', '奥地利', '奧地利'],
  FR: ['Frankreich', 'France', 'Francia', 'França', 'Prancis', 'Fransa', '法国', '法國'],
  IT: ['Italien', 'Italy', 'Italie', 'Italia', 'Itália', 'İtalya', '意大利', '義大利'],
  ES: ['Spanien', 'Spain', 'Espagne', 'España', 'Espanha', 'Spagna', 'Spanyol', 'İspanya', '西班牙'],
  PL: ['Polen', 'Poland', 'Pologne', 'Polonia', 'Polônia', 'Polandia', 'Polonya', '波兰', '波蘭'],
  BA: ['Bosnia', 'Bosnien'],
  CD: ['DR Congo', 'DRC', 'Kongo-Kinshasa', 'Congo-Kinshasa'],
  CG: ['Kongo-Brazzaville', 'Congo-Brazzaville'],
  PS: ['Palestine', 'Palästina'],
  SA: ['KSA'],
  IR: ['Persia', 'Persien'],
  SY: ['Syria', 'Syrien'],
  LA: ['Laos'],
  BO: ['Bolivia'],
  VE: ['Venezuela'],
  TZ: ['Tanzania'],
  MD: ['Moldova', 'Moldawien'],
  BY: ['Weißrussland', 'Weissrussland', 'Byelorussia'],
  KP: ['North Korea', 'Nordkorea'],
};
