"""Hand-written word lists for the Tagging module (written for this project, no external source).

Everything here is general language knowledge (titles, month names, function words of reporting
verbs, well-known international organisations). Nothing is derived from the evaluation data.
build-gazetteer.py merges these with the package-derived lists.
"""

LANGS = ["nl", "en", "de", "fr", "es", "it"]

# International organisations and well-known bodies: (type, canonical, [aliases in any language]).
ORGANISATIONS = [
    ("ORG", "European Union", ["EU", "Europese Unie", "European Union", "Europäische Union", "Union européenne", "UE", "Unión Europea", "Unione europea"]),
    ("ORG", "NATO", ["NAVO", "NATO", "OTAN", "Nato", "Navo"]),
    ("ORG", "United Nations", ["VN", "Verenigde Naties", "UN", "United Nations", "Vereinte Nationen", "UNO", "ONU", "Nations unies", "Naciones Unidas", "Nazioni Unite"]),
    ("ORG", "UN Security Council", ["VN-Veiligheidsraad", "Veiligheidsraad", "Security Council", "Sicherheitsrat", "Conseil de sécurité"]),
    ("ORG", "International Monetary Fund", ["IMF", "IMF", "Internationaal Monetair Fonds", "International Monetary Fund", "IWF", "Internationaler Währungsfonds", "FMI", "Fonds monétaire international"]),
    ("ORG", "World Bank", ["Wereldbank", "World Bank", "Weltbank", "Banque mondiale", "Banco Mundial", "Banca Mondiale"]),
    ("ORG", "World Health Organization", ["WHO", "Wereldgezondheidsorganisatie", "World Health Organization", "Weltgesundheitsorganisation", "OMS", "Organisation mondiale de la santé"]),
    ("ORG", "World Trade Organization", ["WTO", "Wereldhandelsorganisatie", "World Trade Organization", "Welthandelsorganisation", "OMC"]),
    ("ORG", "European Commission", ["Europese Commissie", "European Commission", "Europäische Kommission", "Commission européenne", "Comisión Europea", "Commissione europea"]),
    ("ORG", "European Parliament", ["Europees Parlement", "European Parliament", "Europäisches Parlament", "Parlement européen", "Parlamento Europeo"]),
    ("ORG", "European Central Bank", ["ECB", "Europese Centrale Bank", "European Central Bank", "EZB", "Europäische Zentralbank", "BCE", "Banque centrale européenne"]),
    ("ORG", "European Council", ["Europese Raad", "European Council", "Europäischer Rat", "Conseil européen"]),
    ("ORG", "OPEC", ["OPEC", "OPEP", "Opec"]),
    ("ORG", "OSCE", ["OVSE", "OSCE", "OSZE"]),
    ("ORG", "OECD", ["OESO", "OECD", "OCDE"]),
    ("ORG", "Red Cross", ["Rode Kruis", "Red Cross", "Rotes Kreuz", "Croix-Rouge", "Cruz Roja", "Croce Rossa"]),
    ("ORG", "International Criminal Court", ["Internationaal Strafhof", "International Criminal Court", "Internationaler Strafgerichtshof", "Cour pénale internationale", "ICC"]),
    ("ORG", "International Atomic Energy Agency", ["IAEA", "Internationaal Atoomenergieagentschap", "AIEA", "IAEO"]),
    ("ORG", "Amnesty International", ["Amnesty International", "Amnesty"]),
    ("ORG", "Greenpeace", ["Greenpeace"]),
    ("ORG", "FIFA", ["FIFA", "Fifa"]),
    ("ORG", "UEFA", ["UEFA", "Uefa"]),
    ("ORG", "International Olympic Committee", ["IOC", "Internationaal Olympisch Comité", "CIO"]),
    ("ORG", "Gazprom", ["Gazprom"]),
    ("ORG", "Kremlin", ["Kremlin", "Kreml"]),
    ("ORG", "Pentagon", ["Pentagon"]),
    ("ORG", "White House", ["Witte Huis", "White House", "Weißes Haus", "Maison Blanche"]),
    ("ORG", "Reuters", ["Reuters"]),
    ("ORG", "Agence France-Presse", ["AFP", "Agence France-Presse"]),
    ("ORG", "Associated Press", ["AP", "Associated Press"]),
    ("ORG", "ANP", ["ANP"]),
    ("ORG", "Belga", ["Belga"]),
    ("ORG", "dpa", ["dpa", "DPA"]),
    ("ORG", "BBC", ["BBC"]),
    ("ORG", "CNN", ["CNN"]),
    ("ORG", "Google", ["Google"]),
    ("ORG", "Apple", ["Apple"]),
    ("ORG", "Microsoft", ["Microsoft"]),
    ("ORG", "Amazon", ["Amazon"]),
    ("ORG", "Facebook", ["Facebook", "Meta"]),
    ("ORG", "Twitter", ["Twitter"]),
    # Newspapers, broadcasters and political parties of the Low Countries (public knowledge).
    *[("ORG", n, [n]) for n in ["De Morgen", "De Standaard", "Het Laatste Nieuws", "Het Nieuwsblad", "Gazet van Antwerpen", "De Tijd", "Het Belang van Limburg", "Le Soir", "La Libre Belgique", "De Telegraaf", "NRC Handelsblad", "NRC", "de Volkskrant", "Volkskrant", "Trouw", "Het Parool", "Algemeen Dagblad", "VRT", "VTM", "RTBF", "NOS", "RTL", "BRT", "Knack", "Humo", "Elsevier"]],
    *[("ORG", n, [n]) for n in ["VLD", "Open VLD", "CVP", "CD&V", "SP", "sp.a", "Agalev", "Groen", "Vlaams Blok", "Vlaams Belang", "Volksunie", "N-VA", "PS", "PRL", "MR", "Ecolo", "PSC", "cdH", "FN", "VVD", "CDA", "PvdA", "D66", "GroenLinks", "PVV", "ACV", "ABVV", "ACLVB", "VBO", "FNV", "CDU", "CSU", "SPD", "FDP", "AfD"]],
    *[("ORG", n, [n]) for n in ["Justitie", "Financiën", "Defensie", "Binnenlandse Zaken", "Buitenlandse Zaken", "Economische Zaken", "Volksgezondheid", "Landbouw", "Onderwijs"]],
    ("LOC", "United States", ["VS", "USA", "Verenigde Staten", "Vereinigte Staaten", "États-Unis", "Estados Unidos", "Stati Uniti"]),
    ("LOC", "United Kingdom", ["VK", "Verenigd Koninkrijk", "UK", "Vereinigtes Königreich", "Royaume-Uni"]),
    # Short or former country names still common in news (the CLDR names are the official ones).
    ("LOC", "North Macedonia", ["Macedonië", "Macedonia", "Mazedonien", "Macédoine"]),
    ("LOC", "Yugoslavia", ["Joegoslavië", "Yugoslavia", "Jugoslawien", "Yougoslavie"]),
    ("LOC", "Czechoslovakia", ["Tsjecho-Slowakije", "Czechoslovakia", "Tschechoslowakei"]),
    ("LOC", "Myanmar", ["Birma", "Burma", "Birmanie"]),
    ("LOC", "Democratic Republic of the Congo", ["Zaïre", "Zaire", "Congo-Kinshasa"]),
    ("LOC", "Czechia", ["Tsjechië", "Tschechien", "Czech Republic", "République tchèque"]),
    ("LOC", "Great Britain", ["Groot-Brittannië", "Great Britain", "Großbritannien", "Grande-Bretagne", "Gran Bretaña", "Gran Bretagna", "Britain"]),
    ("LOC", "Crimea", ["Krim", "Crimea", "Krym", "Crimée", "Krim-schiereiland"]),
    ("LOC", "Donbas", ["Donbas", "Donbass"]),
    ("LOC", "Soviet Union", ["USSR", "UdSSR", "URSS", "Sovjet-Unie", "Sovjetunie", "Soviet Union", "Sowjetunion", "Union soviétique"]),
    ("LOC", "Middle East", ["Midden-Oosten", "Middle East", "Nahost", "Naher Osten", "Moyen-Orient"]),
    ("LOC", "Gaza Strip", ["Gaza", "Gazastrook", "Gaza Strip", "Gazastreifen", "bande de Gaza"]),
    ("LOC", "West Bank", ["Westelijke Jordaanoever", "West Bank", "Westjordanland", "Cisjordanie"]),
    ("LOC", "Flanders", ["Vlaanderen", "Flanders", "Flandern", "Flandre"]),
    ("LOC", "Wallonia", ["Wallonië", "Wallonia", "Wallonien", "Wallonie"]),
    ("LOC", "Brussels", ["Brussel", "Brussels", "Brüssel", "Bruxelles"]),
    ("LOC", "Siberia", ["Siberië", "Siberia", "Sibirien", "Sibérie"]),
    ("LOC", "Balkans", ["Balkan", "Balkans"]),
    ("LOC", "Caucasus", ["Kaukasus", "Caucasus", "Caucase"]),
    ("LOC", "Scandinavia", ["Scandinavië", "Scandinavia", "Skandinavien", "Scandinavie"]),
    ("LOC", "Benelux", ["Benelux"]),
    ("LOC", "England", ["Engeland", "England", "Angleterre"]),
    ("LOC", "Scotland", ["Schotland", "Scotland", "Schottland", "Écosse"]),
    ("LOC", "Wales", ["Wales", "pays de Galles"]),
    ("LOC", "Holland", ["Holland"]),
    ("LOC", "Kyiv", ["Kiev", "Kyiv", "Kiew", "Kijv", "Kyjiv"]),
    ("LOC", "Moscow", ["Moskou", "Moscow", "Moskau", "Moscou", "Moscú", "Mosca"]),
    ("LOC", "The Hague", ["Den Haag", "The Hague", "Den Haag", "La Haye", "'s-Gravenhage"]),
    ("LOC", "Atlantic Ocean", ["Atlantische Oceaan", "Atlantic", "Atlantic Ocean", "Atlantik", "Atlantique"]),
    ("LOC", "Mediterranean Sea", ["Middellandse Zee", "Mediterranean", "Mittelmeer", "Méditerranée"]),
    ("LOC", "North Sea", ["Noordzee", "North Sea", "Nordsee", "mer du Nord"]),
    ("LOC", "Black Sea", ["Zwarte Zee", "Black Sea", "Schwarzes Meer", "mer Noire"]),
    ("LOC", "Baltic Sea", ["Oostzee", "Baltic Sea", "Ostsee"]),
]

# Well-known persons whose name is transliterated differently per language (canonical, aliases).
PERSONS = [
    ("Vladimir Putin", ["Vladimir Poetin", "Poetin", "Putin", "Wladimir Putin", "Poutine", "Vladimir Poutine", "Vladímir Putin", "Vladimir Putin"]),
    ("Volodymyr Zelensky", ["Volodymyr Zelensky", "Zelensky", "Zelenski", "Zelenskyy", "Volodymyr Zelenski", "Wolodymyr Selenskyj", "Selenskyj", "Volodymyr Zelensky", "Zelenskiy"]),
    ("Sergey Lavrov", ["Sergej Lavrov", "Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Lawrow", "Sergej Lawrow", "Sergueï Lavrov"]),
    ("Dmitry Medvedev", ["Dmitri Medvedev", "Dmitry Medvedev", "Medvedev", "Medwedew", "Dmitri Medwedew", "Dmitri Medvedev"]),
    ("Alexander Lukashenko", ["Aleksandr Loekasjenko", "Loekasjenko", "Alexander Lukashenko", "Lukashenko", "Lukaschenko", "Alexander Lukaschenko", "Loukachenko", "Alexandre Loukachenko"]),
    ("Mikhail Gorbachev", ["Michail Gorbatsjov", "Gorbatsjov", "Mikhail Gorbachev", "Gorbachev", "Gorbatschow", "Michail Gorbatschow", "Gorbatchev", "Mikhaïl Gorbatchev"]),
    ("Boris Yeltsin", ["Boris Jeltsin", "Jeltsin", "Boris Yeltsin", "Yeltsin", "Boris Eltsine", "Eltsine"]),
    ("Recep Tayyip Erdoğan", ["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"]),
    ("Xi Jinping", ["Xi Jinping", "Xi"]),
]

TITLES = {
    "nl": "president presidente premier minister ministers staatssecretaris koning koningin prins prinses keizer paus kardinaal bisschop burgemeester gouverneur generaal kolonel majoor kapitein luitenant commissaris senator kanselier voorzitter ondervoorzitter secretaris-generaal directeur topman topvrouw ceo woordvoerder woordvoerster advocaat rechter procureur professor prof. dr. mr. ir. drs. ing. heer mevrouw mevr. dhr. meneer schepen gedeputeerde vicepremier oppositieleider partijleider fractieleider coach trainer bondscoach ploegleider aanvoerder doelman verdediger aanvaller middenvelder spits renner zanger zangeres acteur actrice schrijver auteur onderzoeker economist wetenschapper politicus leider dictator ambassadeur gezant ayatollah sjeik imam rabbijn dominee pastoor",
    "en": "president premier minister prime chancellor king queen prince princess emperor pope cardinal bishop mayor governor general colonel major captain lieutenant commissioner senator sen. rep. representative secretary chairman chairwoman chair director ceo spokesman spokeswoman spokesperson lawyer judge prosecutor professor prof. dr. dr mr. mr mrs. mrs ms. ms sir lord lady coach manager striker goalkeeper singer actor actress author writer researcher economist scientist leader dictator ambassador envoy ayatollah sheikh imam rabbi reverend pastor",
    "de": "präsident präsidentin premierminister premier minister ministerin kanzler kanzlerin bundeskanzler bundeskanzlerin könig königin prinz prinzessin kaiser papst kardinal bischof bürgermeister bürgermeisterin gouverneur general oberst major hauptmann leutnant kommissar senator vorsitzende vorsitzender sekretär direktor direktorin geschäftsführer geschäftsführerin chef chefin sprecher sprecherin anwalt richter staatsanwalt professor prof. dr. herr frau trainer stürmer torwart sänger sängerin schauspieler schauspielerin autor forscher ökonom wissenschaftler anführer diktator botschafter gesandter ayatollah scheich imam rabbiner pfarrer",
    "fr": "président présidente premier ministre ministres chancelier chancelière roi reine prince princesse empereur pape cardinal évêque maire gouverneur général colonel commandant capitaine lieutenant commissaire sénateur sénatrice secrétaire directeur directrice patron porte-parole avocat juge procureur professeur pr dr m. mme mlle monsieur madame entraîneur sélectionneur attaquant gardien chanteur chanteuse acteur actrice auteur écrivain chercheur économiste scientifique dirigeant dictateur ambassadeur émissaire ayatollah cheikh imam rabbin pasteur",
    "es": "presidente presidenta primer ministro ministra canciller rey reina príncipe princesa papa cardenal obispo alcalde alcaldesa gobernador general coronel capitán teniente comisario senador secretario director portavoz abogado juez fiscal profesor dr. sr. sra. don doña entrenador delantero portero cantante actor actriz autor escritor investigador economista líder dictador embajador",
    "it": "presidente premier ministro ministra cancelliere re regina principe principessa papa cardinale vescovo sindaco governatore generale colonnello capitano tenente commissario senatore segretario direttore portavoce avvocato giudice procuratore professore prof. dott. sig. sig.ra signor allenatore attaccante portiere cantante attore attrice autore scrittore ricercatore economista leader dittatore ambasciatore",
    # Minimal-lexicon languages: the same short role-noun list, so that a title before a name types it.
    "pt": "presidente presidenta primeiro-ministro ministro ministra rei rainha príncipe princesa papa cardeal bispo prefeito presidente-executivo autarca governador general coronel capitão tenente comissário senador deputado deputada secretário secretária diretor diretora porta-voz advogado advogada juiz juíza procurador professor professora dr. dra. sr. sra. dirigente treinador autor autora escritor investigador economista líder embaixador vereador vereadora",
    "pl": "prezydent wiceprezydent premier minister ministra król królowa książę papież kardynał biskup burmistrz wojewoda starosta marszałek generał pułkownik kapitan porucznik komisarz senator poseł posłanka sekretarz dyrektor dyrektorka prezes rzecznik rzeczniczka adwokat sędzia prokurator profesor prof. dr radny radna trener autor pisarz badacz ekonomista lider ambasador",
    "sv": "president statsminister premiärminister minister ministern kung kungen drottning drottningen prins prinsessan påve kardinal biskop borgmästare guvernör general överste kapten löjtnant kommissionär senator sekreterare direktör chef chefen vd talesperson talesman advokat domare åklagare professor dr ordförande ordföranden tränare författare forskare ekonom ledare ambassadör projektchefen projektchef",
}

# Words that, as the first or last word of a capitalised name, mark an organisation.
ORG_HEADS = {
    "nl": "ministerie departement partij unie bond vereniging stichting federatie raad commissie parlement kamer senaat regering kabinet rechtbank hof universiteit hogeschool school ziekenhuis bank groep fonds instituut agentschap dienst politie leger marine luchtmacht krant omroep club vakbond beweging front alliantie maatschappij bedrijf holding verbond genootschap academie museum orkest theater kerk gemeente provincie fractie organisatie comité centrum dagblad weekblad zender radio televisie coalitie confederatie parket brouwerij uitgeverij verzekeringen invest group airlines airways telecom pharma technologies systems records",
    "en": "ministry department party union league association foundation federation council committee commission parliament senate congress government cabinet court university college school hospital bank group fund institute agency service police army navy force corporation company club movement front alliance society academy museum orchestra church office authority board bureau labs laboratory ventures partners airlines airways motors technologies",
    "de": "ministerium partei union bund verband verein stiftung föderation rat kommission parlament bundestag bundesrat senat regierung kabinett gericht universität hochschule schule krankenhaus klinik bank gruppe fonds institut agentur dienst polizei armee bundeswehr marine zeitung gewerkschaft bewegung front allianz gesellschaft akademie museum orchester kirche bahn stadtwerke werke konzern behörde amt",
    "fr": "ministère mairie laboratoire département parti union ligue association fondation fédération conseil comité commission parlement assemblée sénat gouvernement cabinet tribunal cour université école hôpital banque groupe fonds institut agence service police armée marine société club syndicat mouvement front alliance académie musée orchestre église",
    "es": "ministerio ayuntamiento junta generalitat partido unión liga asociación fundación federación consejo comité comisión parlamento congreso senado gobierno tribunal universidad escuela hospital banco grupo fondo instituto agencia servicio policía ejército club sindicato movimiento frente alianza academia museo iglesia",
    "it": "ministero comune partito unione lega associazione fondazione federazione consiglio comitato commissione parlamento camera senato governo tribunale corte università scuola ospedale banca gruppo fondo istituto agenzia servizio polizia esercito club sindacato movimento fronte alleanza accademia museo chiesa",
    "pt": "ministério partido união liga associação fundação federação conselho comité comitê comissão parlamento assembleia câmara senado governo tribunal universidade escola hospital banco grupo fundo instituto agência serviço polícia exército clube sindicato movimento frente aliança academia museu igreja empresa companhia",
    "pl": "ministerstwo partia związek liga stowarzyszenie fundacja federacja rada komisja komitet parlament sejm senat rząd sąd trybunał uniwersytet politechnika szkoła szpital bank grupa fundusz instytut agencja służba policja wojsko klub ruch front sojusz akademia muzeum kościół spółka urząd przedsiębiorstwo",
    # Swedish glues the head to the name and marks it definite ("Trafikverket", "Västtrafik"):
    # the compound-suffix cue reads these at the word's end.
    "sv": "departementet departement parti partiet förbund förbundet förening föreningen stiftelse stiftelsen federation råd rådet kommission kommissionen riksdag riksdagen regering regeringen domstol universitet universitetet högskola skola sjukhus bank banken grupp gruppen fond fonden institut institutet myndighet myndigheten verket polis polisen armé klubb rörelse allians akademi museum kyrka kyrkan bolag bolaget kommun kommunen trafik",
}

# Legal-form and club suffixes (the last token of a company or club name).
ORG_SUFFIXES = "nv n.v. bv b.v. cvba bvba vzw sa s.a. ag gmbh kg se inc inc. ltd ltd. llc plc corp corp. co. sarl sas spa s.p.a. srl fc f.c. sc s.c. ac kv kvc afc cf vv ab asa oyj"

# Lower-case words that may join capitalised words inside one name ("Ministerie van Defensie").
NAME_CONNECTORS = {
    "nl": "van de der den het 't ter ten voor en op",
    "en": "of the for and on",
    "de": "von der des für und zu vom zur",
    "fr": "de du des la le l' d' et pour",
    "es": "de del la las los y para",
    "it": "di del della dei degli e per",
    "pt": "de do da dos das e para",
    "pl": "i w dla",
    "sv": "och för",
}

# Speech verbs (any inflection listed). Dutch and German quote attribution also works with an
# unlisted verb after the quote (V2 inversion), these lists raise confidence.
QUOTE_VERBS = {
    "nl": "zei zegt zeggen zeiden verklaarde verklaart meende meent stelde stelt voegde voegt benadrukte benadrukt vertelde vertelt schreef schrijft antwoordde antwoordt liet laat zegde sprak reageerde reageert waarschuwde waarschuwt vond vindt erkende erkent beweerde beweert verzekerde verzekert klonk luidde tweette twitterde vroeg vraagt riep concludeerde rechtvaardigde aldus",
    "en": "said says say told tells added adds stated states declared declares explained explains wrote writes asked asks replied replies warned warns insisted insists claimed claims argued argues noted notes according tweeted admitted acknowledged",
    "de": "sagte sagt sagten erklärte erklärt meinte meint betonte betont fügte fügt schrieb schreibt antwortete antwortet warnte warnt fragte fragt behauptete behauptet so laut räumte",
    "fr": "a déclaré déclare déclarait a dit dit disait a affirmé affirme affirmait a ajouté ajoute a expliqué explique a souligné souligne a estimé estime a assuré assure a averti avertit a écrit écrit a répondu répond selon",
    "es": "dijo dice declaró afirmó añadió explicó aseguró señaló escribió respondió advirtió según",
    "it": "ha detto dice ha dichiarato dichiara ha affermato afferma ha aggiunto aggiunge ha spiegato spiega ha scritto secondo",
}

PRONOUNS_SUBJECT = {
    "nl": "hij zij ze",
    "en": "he she",
    "de": "er sie",
    "fr": "il elle",
    "es": "él ella",
    "it": "lui lei egli",
}

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
}
MONTH_ABBREVIATIONS = {
    "nl": "jan feb mrt apr mei jun jul aug sep sept okt nov dec",
    "en": "jan feb mar apr may jun jul aug sep sept oct nov dec",
    "de": "jan feb mär apr mai jun jul aug sep sept okt nov dez",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
    "es": "ene feb mar abr may jun jul ago sep sept oct nov dic",
    "it": "gen feb mar apr mag giu lug ago set sett ott nov dic",
}
WEEKDAYS = {  # Monday first
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "en": "monday tuesday wednesday thursday friday saturday sunday",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
}
DAY_PARTS = {  # suffixes glued to a weekday ("zaterdagochtend", "Samstagabend")
    "nl": "ochtend morgen middag avond nacht",
    "en": "",
    "de": "morgen vormittag mittag nachmittag abend nacht",
    "fr": "",
    "es": "",
    "it": "",
}
# Relative day words: word -> offset in days from the publication day.
RELATIVE_DAYS = {
    "nl": {"vandaag": 0, "gisteren": -1, "eergisteren": -2, "morgen": 1, "overmorgen": 2, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0, "vannacht": 0, "gisteravond": -1, "gisterenavond": -1},
    "en": {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0},
    "de": {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2, "heute morgen": 0},
    "fr": {"aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2},
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "mañana": 1},
    "it": {"oggi": 0, "ieri": -1, "domani": 1},
}
# Words before a month that narrow it: word -> part (early/mid/late).
MONTH_PARTS = {
    "nl": {"begin": "early", "half": "mid", "midden": "mid", "medio": "mid", "eind": "late", "einde": "late", "eerder": "", "afgelopen": "", "vorige": ""},
    "en": {"early": "early", "mid": "mid", "mid-": "mid", "late": "late", "end": "late", "beginning": "early"},
    "de": {"anfang": "early", "mitte": "mid", "ende": "late"},
    "fr": {"début": "early", "mi": "mid", "mi-": "mid", "fin": "late"},
    "es": {"principios": "early", "mediados": "mid", "finales": "late", "fines": "late"},
    "it": {"inizio": "early", "metà": "mid", "fine": "late"},
}

NUMBER_WORDS = {
    "nl": {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100, "duizend": 1000, "miljoen": 1e6, "miljard": 1e9, "tientallen": 10, "honderden": 100, "duizenden": 1000, "tienduizenden": 10000, "honderdduizenden": 100000, "miljoenen": 1e6},
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1e6},
    "de": {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000, "million": 1e6, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "hunderte": 100, "tausende": 1000, "zehntausende": 10000},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "vingt": 20, "trente": 30, "cent": 100, "mille": 1000, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "centaines": 100, "milliers": 1000, "dizaines": 10},
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "cien": 100, "mil": 1000, "millón": 1e6, "millones": 1e6},
    "it": {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "cento": 100, "mille": 1000, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9},
}
# Number words that multiply a preceding numeral ("1,5 miljoen").
MULTIPLIERS = {"miljoen": 1e6, "miljard": 1e9, "million": 1e6, "millions": 1e6, "billion": 1e9, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mln": 1e6, "mld": 1e9, "milliard": 1e9, "milliards": 1e9, "millón": 1e6, "millones": 1e6, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9, "duizend": 1e3, "thousand": 1e3, "tausend": 1e3, "mille": 1e3, "mil": 1e3, "bn": 1e9, "m": 1e6}

UNITS = "kilometer kilometers km m meter meters metre metres mètres cm mm mijl mile miles meile meilen kilo kilogram kg gram g ton tonnen tonne tonnes liter litres liters l procent percent prozent pour cent % euro euros eur € dollar dollars usd $ pond pound pounds £ roebel roebels rubel ruble rubles rouble roubles hryvnia yuan yen frank franken francs graden degrees grad degrés °c uur uren hours stunden heures dagen days tage jours weken weeks wochen semaines maanden months monate mois jaar jaren years jahre ans barrels vaten megawatt mw gigawatt gw kwh hectare hectares ha vierkante square"

# IPTC Media Topics top-level categories (code, label) and keyword stems per language.
# A stem matches any word starting with it; weights are 1 unless a stem is given as "stem:weight".
TOPICS = [
    ("01000000", "arts, culture, entertainment and media"),
    ("16000000", "conflict, war and peace"),
    ("02000000", "crime, law and justice"),
    ("03000000", "disaster, accident and emergency incident"),
    ("04000000", "economy, business and finance"),
    ("05000000", "education"),
    ("06000000", "environment"),
    ("07000000", "health"),
    ("08000000", "human interest"),
    ("09000000", "labour"),
    ("10000000", "lifestyle and leisure"),
    ("11000000", "politics"),
    ("12000000", "religion"),
    ("13000000", "science and technology"),
    ("14000000", "society"),
    ("15000000", "sport"),
    ("17000000", "weather"),
]
TOPIC_STEMS = {
    "01000000": {
        "nl": "film muziek concert festival kunst tentoonstell museum theater boek roman schrijver zanger acteur actrice televisie omroep cultuur album expositie",
        "en": "film movie music concert festival art exhibition museum theatre theater book novel singer actor actress television broadcast culture album",
        "de": "film musik konzert festival kunst ausstellung museum theater buch roman sänger schauspiel fernseh kultur album",
        "fr": "film musique concert festival art exposition musée théâtre livre roman chanteu acteur actrice télévision culture album",
    },
    "16000000": {
        "nl": "oorlog:2 leger:2 troepen:2 militair:2 soldaten:2 soldaat:2 raket:2 aanval bombard gevecht front:2 wapen invasie binnenvallen binnenviel mobilis:2 reservisten:2 annex vrede bestand onderhandel conflict:2 defensie:2 strijd bezett terreur terroris opstand rebel explosie drone tank artillerie",
        "en": "war:2 army:2 troops:2 military:2 soldier:2 missile:2 attack bomb fight front weapon invasion invade mobilis:2 mobiliz:2 reservist:2 annex peace ceasefire negotiat conflict:2 defence defense strife occupation terror insurg rebel explosion drone tank artillery",
        "de": "krieg:2 armee:2 truppen:2 militär:2 soldat:2 rakete:2 angriff bombe kampf front:2 waffe invasion einmarsch mobilisier:2 reservist:2 annex frieden waffenstillstand verhandl konflikt:2 verteidigung besatz terror rebell explosion drohne panzer artillerie",
        "fr": "guerre:2 armée:2 troupes:2 militaire:2 soldat:2 missile:2 attaque bombard combat front:2 arme invasion envahi mobilis:2 réserviste:2 annex paix cessez-le-feu négoci conflit:2 défense occupation terror rebelle explosion drone char artillerie",
    },
    "02000000": {
        "nl": "politie:2 rechter:2 rechtbank:2 proces:2 verdacht:2 arrest:2 aangehouden gevangen cel moord:2 diefstal fraude corruptie misdaad crimin advocaat justitie:2 veroordeel:2 straf aanklacht onderzoek parket",
        "en": "police:2 judge:2 court:2 trial:2 suspect:2 arrest:2 prison jail murder:2 theft fraud corruption crime:2 criminal lawyer justice:2 convict:2 sentence charge prosecut",
        "de": "polizei:2 richter:2 gericht:2 prozess:2 verdächtig:2 festgenommen verhaftet gefängnis haft mord:2 diebstahl betrug korruption verbrech krimin anwalt justiz:2 verurteil:2 strafe anklage staatsanwalt",
        "fr": "police:2 juge:2 tribunal:2 procès:2 suspect:2 arrêt interpellé prison meurtre:2 vol fraude corruption crime:2 criminel avocat justice:2 condamn:2 peine inculp parquet",
    },
    "03000000": {
        "nl": "ongeval:2 ongeluk:2 ramp:2 brand:2 aardbeving:2 overstroming:2 slachtoffers doden gewonden redding hulpdiensten explosie crash neergestort orkaan storm evacu",
        "en": "accident:2 disaster:2 fire:2 earthquake:2 flood:2 victims dead injured rescue emergency explosion crash hurricane storm evacuat",
        "de": "unfall:2 unglück:2 katastrophe:2 brand:2 erdbeben:2 überschwemmung:2 hochwasser opfer tote verletzte rettung explosion absturz orkan sturm evakuier",
        "fr": "accident:2 catastrophe:2 incendie:2 séisme:2 tremblement inondation:2 victimes morts blessés secours explosion crash ouragan tempête évacu",
    },
    "04000000": {
        "nl": "economie:2 econom:2 bedrijf bedrijven bank:2 beurs:2 aandel inflatie:2 rente prijs prijzen markt handel export import winst omzet verlies belasting begroting investering euro dollar gas:2 olie energie:2 levering gaslevering:2 faillis consument",
        "en": "economy:2 econom:2 company companies business bank:2 stock:2 share inflation:2 interest price market trade export import profit revenue loss tax budget invest euro dollar gas:2 oil energy:2 supply bankrupt consumer",
        "de": "wirtschaft:2 ökonom unternehmen firma bank:2 börse:2 aktie inflation:2 zins preis markt handel export import gewinn umsatz verlust steuer haushalt investition euro dollar gas:2 öl energie:2 lieferung insolvenz verbraucher",
        "fr": "économi:2 entreprise société banque:2 bourse:2 action inflation:2 taux prix marché commerce export import bénéfice chiffre perte impôt budget investiss euro dollar gaz:2 pétrole énergie:2 livraison faillite consommat",
    },
    "05000000": {
        "nl": "school onderwijs:2 leraar leerling student universiteit examen",
        "en": "school education:2 teacher pupil student university exam",
        "de": "schule bildung:2 lehrer schüler student universität prüfung",
        "fr": "école éducation:2 enseignant professeur élève étudiant université examen",
    },
    "06000000": {
        "nl": "klimaat:2 milieu:2 uitstoot co2 vervuiling natuur duurzaam biodiversiteit opwarming",
        "en": "climate:2 environment:2 emission co2 pollution nature sustainab biodiversity warming",
        "de": "klima:2 umwelt:2 emission co2 verschmutzung natur nachhaltig biodiversität erwärmung",
        "fr": "climat:2 environnement:2 émission co2 pollution nature durable biodiversité réchauffement",
    },
    "07000000": {
        "nl": "ziekenhuis:2 gezondheid:2 ziekte patiënt arts artsen dokter vaccin:2 virus corona covid besmet zorg medisch medicijn",
        "en": "hospital:2 health:2 disease illness patient doctor vaccin:2 virus corona covid infect care medical medicine",
        "de": "krankenhaus:2 gesundheit:2 krankheit patient arzt ärzte impf:2 virus corona covid infizier pflege medizin",
        "fr": "hôpital:2 santé:2 maladie patient médecin vaccin:2 virus corona covid contamin soins médical médicament",
    },
    "08000000": {
        "nl": "dier hond kat jarige bruiloft huwelijk verjaardag opmerkelijk",
        "en": "animal dog cat birthday wedding remarkable",
        "de": "tier hund katze geburtstag hochzeit",
        "fr": "animal chien chat anniversaire mariage",
    },
    "09000000": {
        "nl": "werk:1 baan banen werkloos:2 vakbond:2 staking:2 loon lonen personeel werknemer werkgever ontslag pensioen",
        "en": "job jobs unemploy:2 union strike:2 wage salary worker employee employer layoff pension",
        "de": "arbeit job arbeitslos:2 gewerkschaft:2 streik:2 lohn gehalt arbeitnehmer arbeitgeber entlassung rente",
        "fr": "emploi travail chômage:2 syndicat:2 grève:2 salaire travailleur employé employeur licenciement retraite",
    },
    "10000000": {
        "nl": "vakantie reis toerisme restaurant recept mode hobby",
        "en": "holiday vacation travel tourism restaurant recipe fashion hobby",
        "de": "urlaub reise tourismus restaurant rezept mode hobby",
        "fr": "vacances voyage tourisme restaurant recette mode loisir",
    },
    "11000000": {
        "nl": "president:2 regering:2 minister:2 premier:2 kabinet:2 parlement:2 verkiezing:2 partij politiek:2 politic:2 oppositie kamer senaat wet stemming referendum diplomat sancties top overleg ministerie:2 annexatie",
        "en": "president:2 government:2 minister:2 cabinet:2 parliament:2 election:2 party politic:2 opposition senate congress law vote referendum diplomat sanction summit ministry:2",
        "de": "präsident:2 regierung:2 minister:2 kanzler:2 kabinett:2 parlament:2 bundestag wahl:2 partei politi:2 opposition gesetz abstimmung referendum diplomat sanktion gipfel ministerium:2",
        "fr": "président:2 gouvernement:2 ministre:2 premier cabinet parlement:2 élection:2 parti politique:2 opposition sénat loi vote référendum diplomat sanction sommet ministère:2",
    },
    "12000000": {
        "nl": "kerk:2 religie:2 geloof paus moskee islam christen joods bisschop",
        "en": "church:2 religion:2 faith pope mosque islam christian jewish bishop",
        "de": "kirche:2 religion:2 glaube papst moschee islam christ jüdisch bischof",
        "fr": "église:2 religion:2 foi pape mosquée islam chrétien juif évêque",
    },
    "13000000": {
        "nl": "wetenschap:2 onderzoek technologie:2 computer internet software ruimtevaart satelliet robot kunstmatige digitaal",
        "en": "science:2 research technology:2 computer internet software space satellite robot artificial digital",
        "de": "wissenschaft:2 forschung technologie:2 computer internet software raumfahrt satellit roboter künstliche digital",
        "fr": "science:2 recherche technologie:2 ordinateur internet logiciel spatial satellite robot artificielle numérique",
    },
    "14000000": {
        "nl": "samenleving maatschappij:2 migratie:2 vluchteling:2 asiel armoede discriminatie gezin jongeren ouderen",
        "en": "society:2 migration:2 refugee:2 asylum poverty discrimination family youth elderly",
        "de": "gesellschaft:2 migration:2 flüchtling:2 asyl armut diskriminierung familie jugend",
        "fr": "société:1 migration:2 réfugié:2 asile pauvreté discrimination famille jeunes",
    },
    "15000000": {
        "nl": "voetbal:2 wedstrijd:2 competitie kampioen:2 doelpunt goal speler ploeg elftal trainer coach wielren:2 renner tennis:2 olympisch sport:2 finale toernooi etappe",
        "en": "football:2 soccer:2 match:2 league champion:2 goal player team coach cycling tennis:2 olympic sport:2 final tournament",
        "de": "fußball:2 spiel liga meister:2 tor spieler mannschaft trainer radsport tennis:2 olympi sport:2 finale turnier",
        "fr": "football:2 match:2 championnat champion:2 but joueur équipe entraîneur cyclisme tennis:2 olympique sport:2 finale tournoi",
    },
    "17000000": {
        "nl": "weer:1 regen sneeuw temperatuur:2 graden hittegolf storm onweer knmi weerbericht",
        "en": "weather:2 rain snow temperature:2 degrees heatwave storm thunder forecast",
        "de": "wetter:2 regen schnee temperatur:2 grad hitzewelle sturm gewitter",
        "fr": "météo:2 pluie neige température:2 degrés canicule tempête orage",
    },
}

# Extra function words to treat as stopwords (reporting furniture, pronouns the packaged lists miss).
EXTRA_STOPWORDS = {
    "nl": "zei zegt aldus volgens daarom inmiddels echter wel niet nog ook al lees bekijk volg",
    "en": "said says according also however",
    "de": "sagte sagt laut jedoch",
    "fr": "a déclaré dit selon cependant",
    "es": "dijo según",
    "it": "ha detto secondo",
}

# Polish case endings of place names (a linguistic rule list, not a word list): for a base form
# ending in the key, the stem (base minus the key) plus each ending gives a candidate form
# ("Kraków" -> "Krakowa", "Krakowie"; "Warszawa" -> "Warszawie", "Warszawy"; "Gdańsk" -> "Gdańsku").
# The script keeps only forms Polish text actually uses (wordfreq), so over-generation is harmless.
# Longest key wins; "" is any consonant ending (the stem is the whole base).
POLISH_PLACE_ENDINGS = {
    "ów": "owa owie owem owowi",
    "ń": "nia niu niem",
    "ia": "ii i ię ią",
    "ka": "ki ce kę ką",
    "ga": "gi dze gę gą",
    "ra": "ry rze rę rą",
    "ta": "ty cie tę tą",
    "da": "dy dzie dę dą",
    "ła": "ły le łę łą",
    "a": "y i ie ę ą",
    "ce": "c cach cami",
    "ice": "ic icach icami",
    "e": "a u em",
    "o": "a u em",
    "y": "ów ach ami",
    "t": "tu cie tem ta",
    "d": "du dzie dem da",
    "r": "ru rze rem ra",
    "ł": "ła le łem łu",
    "k": "ka ku kiem",
    "g": "ga gu giem",
    "ch": "cha chu chem",
    "": "a u ie iu ia em owi",
}

# GeoNames alternate names that pass every exonym rule of tagging_exonyms.py but are no exonym of
# that city in the news language (each says why). Checked by reading the printed exonym list.
EXONYM_STOP = [
    "Marde",   # French slang word; listed for Mardin (Turkey), which French writes "Mardin"
    "Graco",   # Spanish for Gracchus (the Roman tribunes); listed for Graz, which Spanish writes "Graz"
    "Vietri",  # Vietri sul Mare, an Italian town; listed for Việt Trì (Vietnam)
    "Suess",   # a German family name (Süß without the umlaut); listed for Suez, which German writes "Sues"
    "Treves",  # an Italian family name (Claudio Treves, Treves publishers); Italian writes Trier "Treviri"
]
