"""The tables of the Index demo (see icc/index/demo.py for the loader that reads them).

Every answer, explanation, figure and conversation is invented. The texts are short sentences a city
officer could have written, in English, or in French for French-speaking cities.
"""

import datetime
from dataclasses import dataclass

SEED = 2014

# ---------------------------------------------------------------------------------------------------
# The rounds: two closed ones on the earlier and the current version, and the open one of this year.
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundSpec:
    name: str
    name_fr: str
    questionnaire: str
    created: datetime.date
    opens_on: datetime.date
    deadline: datetime.date
    # Closed rounds: when they closed, how many members answered, between which days they submitted,
    # how many days later the secretariat validated (at the latest on `last_validation`).
    closed: datetime.date | None = None
    size: int = 0
    submitted: tuple[datetime.date, datetime.date] | None = None
    validated_after: tuple[int, int] = (15, 150)
    last_validation: datetime.date | None = None
    from_earlier: int = 0  # cities that answered the previous round too, so that progress can be shown


ROUND_2014 = RoundSpec(
    name="Index 2014",
    name_fr="Indice 2014",
    questionnaire="icc-2009",
    created=datetime.date(2014, 1, 20),
    opens_on=datetime.date(2014, 2, 3),
    deadline=datetime.date(2014, 10, 31),
    closed=datetime.date(2015, 7, 1),
    size=45,
    submitted=(datetime.date(2014, 4, 15), datetime.date(2014, 11, 28)),
    validated_after=(20, 150),
    last_validation=datetime.date(2015, 6, 26),
)
ROUND_2022 = RoundSpec(
    name="Index 2022",
    name_fr="Indice 2022",
    questionnaire="icc-2019",
    created=datetime.date(2022, 1, 10),
    opens_on=datetime.date(2022, 1, 17),
    deadline=datetime.date(2022, 10, 31),
    closed=datetime.date(2023, 7, 3),
    size=80,
    submitted=(datetime.date(2022, 4, 1), datetime.date(2022, 12, 15)),
    validated_after=(15, 160),
    last_validation=datetime.date(2023, 6, 28),
    from_earlier=35,
)
ROUND_2026 = RoundSpec(
    name="Index 2026",
    name_fr="Indice 2026",
    questionnaire="icc-2026",
    created=datetime.date(2026, 1, 8),
    opens_on=datetime.date(2026, 1, 12),
    deadline=datetime.date(2026, 12, 15),
)

# Well-known intercultural cities answer above what their years in the network alone would give.
FAMOUS = {
    "Barcelona", "Oslo", "Lisbon", "Reggio Emilia", "Bilbao", "Montreal", "Neuchâtel", "Hamamatsu",
    "Stavanger", "Bergen", "Dublin", "Geneva", "Getafe", "Ballarat", "Erlangen", "Lyon",
    "Rotterdam", "Tilburg", "Limassol", "Sabadell", "Amadora",
}  # fmt: skip
# Cities every historical round includes: the demo accounts' cities and the network leads.
ALWAYS = ["Strasbourg", "Lisbon", "Lyon", "Reggio Emilia", "Barcelona", "Stavanger", "Odesa", "Bristol"]

# The open round: who is invited and how far each city has got. States: not_started, in_progress (with
# the share of questions answered), submitted, returned, validated, reopened.
ROUND_2026_PLAN: list[tuple[str, str, float]] = [
    ("Strasbourg", "in_progress", 0.6),  # the demo coordinator's city: see STRASBOURG below
    ("Genoa", "in_progress", 0.85),
    ("Turin", "in_progress", 0.3),
    ("Sabadell", "in_progress", 0.5),
    ("Amadora", "in_progress", 0.15),
    ("Bergen", "in_progress", 0.7),
    ("Erlangen", "in_progress", 0.45),
    ("Malmö", "in_progress", 0.92),
    ("Tangier", "in_progress", 0.25),
    ("Limassol", "in_progress", 0.55),
    ("Ansan", "in_progress", 0.65),
    ("Sumy", "in_progress", 0.35),
    ("Pontedera", "in_progress", 0.2),  # a candidate
    ("Lisbon", "submitted", 1.0),  # the multi-role demo account's city
    ("Odesa", "submitted", 1.0),
    ("Montreal", "submitted", 1.0),
    ("Tilburg", "submitted", 0.97),
    ("Haifa", "submitted", 1.0),
    ("Cascais", "submitted", 1.0),
    ("Riga", "submitted", 1.0),  # a candidate: its submission is its accession step
    ("Mostar", "submitted", 0.95),  # a candidate too
    ("Lyon", "returned", 1.0),
    ("Montreuil", "returned", 1.0),
    ("Rabat", "returned", 1.0),
    ("Bristol", "returned", 1.0),
    ("Bilbao", "returned", 1.0),
    ("Neuchâtel", "reopened", 1.0),
    ("Reggio Emilia", "validated", 1.0),
    ("Barcelona", "validated", 1.0),
    ("Oslo", "validated", 1.0),
    ("Stavanger", "validated", 1.0),
    ("Paris", "validated", 1.0),
    ("Geneva", "validated", 1.0),
    ("Hamamatsu", "validated", 1.0),
    ("Ballarat", "validated", 1.0),
    ("Gyumri", "not_started", 0.0),  # a candidate
    ("Palermo", "not_started", 0.0),
    ("Swansea", "not_started", 0.0),
    ("Lublin", "not_started", 0.0),
    ("Tétouan", "not_started", 0.0),
    ("Vinnytsia", "not_started", 0.0),
    ("Rijeka", "not_started", 0.0),
    ("Mexico City", "not_started", 0.0),
]
# The cities of the demo accounts: their answers are saved one by one through the service, as people do.
DEMO_ACCOUNT_CITIES = {"Strasbourg", "Lisbon"}
# Strasbourg: the coordinator answers most sections, the contributor the two assigned to them; each
# section is answered up to the share given (the rest is still to do).
STRASBOURG_COORDINATOR = {
    "facts": 1.0, "commitment": 1.0, "neighbourhoods": 1.0, "public_services": 1.0, "business": 1.0,
    "cultural_life": 1.0, "public_space": 1.0, "mediation": 0.6, "language": 0.5,
}  # fmt: skip
STRASBOURG_CONTRIBUTOR = {"education": 1.0, "welcoming": 0.5}
STRASBOURG_THREAD = "commitment.budget_line"
# Validated responses whose review had a question, since resolved.
RESOLVED_THREADS = {"Barcelona", "Paris", "Neuchâtel"}
# Returned responses: how many threads the secretariat opened; the city has replied to all but the last.
RETURNED_THREADS = 3

# ---------------------------------------------------------------------------------------------------
# Explanations, per section: (the questions a sentence fits, English, French). The two versions share
# question names where they ask the same thing. Placeholders: {year}, {year_end}, {amount}, {n} (a
# handful), {n2} (dozens), {pct} (a small share), {share} (about half), {many} (thousands), {langs}.
# ---------------------------------------------------------------------------------------------------

EXPLANATIONS: dict[str, list[tuple[tuple[str, ...], str, str]]] = {
    "commitment": [
        (("public_statement", "strategy"),
         "The council adopted the Intercultural Charter in {year}.",
         "Le conseil municipal a adopté la Charte interculturelle en {year}."),
        (("strategy", "budget", "budget_line", "budget_trend"),
         "The municipal plan {year}-{year_end} has a dedicated budget of {amount}.",
         "Le plan municipal {year}-{year_end} prévoit un budget dédié de {amount}."),
        (("partners_involved",),
         "Migrant associations, NGOs and the university sat on the steering group of the strategy.",
         "Associations de migrants, ONG et université ont siégé au comité de pilotage de la stratégie."),
        (("coordination",),
         "An intercultural officer in the mayor's office coordinates {n} departments.",
         "Une chargée de mission interculturelle au cabinet du maire coordonne {n} directions."),
        (("evaluation",),
         "Progress on the action plan is reported to the council every year.",
         "Le bilan du plan d'action est présenté chaque année au conseil municipal."),
        (("official_communication", "public_statement"),
         "The mayor speaks of the intercultural approach at every new year's reception.",
         "Le maire évoque la démarche interculturelle à chaque cérémonie des vœux."),
        (("recognition",),
         "The intercultural award is presented every year at the city's open day.",
         "Le prix interculturel est remis chaque année lors des journées portes ouvertes de la ville."),
    ],
    "education": [
        (("mixing_programmes", "intercultural_projects"),
         "{n} primary schools run twinning projects between neighbourhoods.",
         "{n} écoles élémentaires mènent des projets de jumelage entre quartiers."),
        (("school_mix", "mixed_schools"),
         "School census {year}: in most schools the share of pupils of migrant origin is close to the city "
         "average.",
         "Recensement scolaire {year} : dans la plupart des écoles, la part d'élèves d'origine migrante est "
         "proche de la moyenne de la ville."),
        (("teachers", "teachers_diversity"),
         "Teachers of migrant origin work in {n} of the city's schools.",
         "Des enseignants issus de l'immigration exercent dans {n} écoles de la ville."),
        (("teacher_training",),
         "Training on diversity in the classroom since {year}; {n2} teachers took part last year.",
         "Formation à la diversité en classe depuis {year} ; {n2} enseignants formés l'an dernier."),
        (("parents", "parents_involvement"),
         "Parents' cafés in {n} schools, with interpreters when needed.",
         "Cafés des parents dans {n} écoles, avec interprètes si besoin."),
        (("intercultural_projects",),
         "An intercultural week takes place in every school each spring.",
         "Une semaine interculturelle a lieu dans toutes les écoles chaque printemps."),
    ],
    "neighbourhoods": [
        (("local_activities",),
         "Neighbourhood councils in all {n} districts fund projects that bring residents together.",
         "Les conseils de quartier des {n} secteurs financent des projets qui rassemblent les habitants."),
        (("housing_mix", "housing_policy"),
         "The social housing allocation policy aims at a mix of residents (agreement of {year}).",
         "La politique d'attribution des logements sociaux vise la mixité (convention de {year})."),
        (("renewal_consultation",),
         "Residents were consulted on the renewal of the station district in {year}.",
         "Les habitants ont été consultés sur la rénovation du quartier de la gare en {year}."),
        (("cross_neighbourhood",),
         "An exchange programme links the old town with the outer estates.",
         "Un programme d'échanges relie le centre ancien et les grands ensembles."),
        (("concentration",),
         "Census {year}: no district has more than a quarter of its residents from a single origin.",
         "Recensement {year} : aucun quartier ne compte plus d'un quart d'habitants d'une même origine."),
        (("mix_trend",),
         "The city observatory follows the mix of each district every two years.",
         "L'observatoire de la ville suit la mixité de chaque quartier tous les deux ans."),
    ],
    "public_services": [
        (("workforce", "workforce_diversity", "recruitment", "recruitment_plan"),
         "{pct}% of the people recruited in {year} are of migrant origin (HR survey).",
         "{pct} % des personnes recrutées en {year} sont issues de l'immigration (enquête RH)."),
        (("interpreting",),
         "Telephone interpreting in {langs} languages at every front desk.",
         "Interprétariat téléphonique en {langs} langues à tous les guichets."),
        (("adapted_services",),
         "Vegetarian and no-pork meals in school canteens; a multi-faith section in the cemetery.",
         "Repas végétariens et sans porc dans les cantines ; carré multiconfessionnel au cimetière."),
        (("contracted_providers",),
         "Service contracts have included a non-discrimination clause since {year}.",
         "Les marchés de services comportent une clause de non-discrimination depuis {year}."),
        (("user_feedback",),
         "The users' satisfaction survey is available in {langs} languages.",
         "L'enquête de satisfaction des usagers est proposée en {langs} langues."),
    ],
    "business": [
        (("diversity_charter", "charter_signatories"),
         "{n2} companies have signed the local diversity charter.",
         "{n2} entreprises ont signé la charte locale de la diversité."),
        (("entrepreneurs", "entrepreneurs_support"),
         "The business centre offers mentoring to entrepreneurs of migrant origin.",
         "La pépinière d'entreprises propose un parrainage aux entrepreneurs issus de l'immigration."),
        (("procurement",),
         "Diversity has been an award criterion in public procurement since {year}.",
         "La diversité est un critère d'attribution des marchés publics depuis {year}."),
        (("mixed_networks", "diversity_network"),
         "The chamber of commerce meets migrant business associations every quarter.",
         "La chambre de commerce rencontre chaque trimestre les associations d'entrepreneurs migrants."),
        (("employment_gap",),
         "The employment service publishes the employment gap by origin every year.",
         "Le service de l'emploi publie chaque année l'écart de taux d'emploi selon l'origine."),
    ],
    "cultural_life": [
        (("grant_criteria",),
         "Cultural grants give extra points to projects that mix audiences.",
         "Les subventions culturelles valorisent les projets qui mêlent les publics."),
        (("events", "mixing_events"),
         "The festival of cultures drew about {many} visitors in {year}.",
         "Le festival des cultures a attiré environ {many} visiteurs en {year}."),
        (("institutions",),
         "The city museum co-curates exhibitions with diaspora associations.",
         "Le musée de la ville conçoit des expositions avec des associations de la diaspora."),
        (("public_debate",),
         "{n} public debates on living together at the central library each year.",
         "{n} débats publics par an sur le vivre-ensemble à la médiathèque centrale."),
        (("audience_diversity",),
         "The theatres' audience survey of {year} shows a more varied audience.",
         "L'enquête sur les publics des théâtres de {year} montre un public plus varié."),
    ],
    "public_space": [
        (("design", "consultation"),
         "The new square was designed with residents in {n} workshops.",
         "La nouvelle place a été conçue avec les habitants lors de {n} ateliers."),
        (("names_and_symbols",),
         "New street names honour people of diverse origins (council decision of {year}).",
         "De nouveaux noms de rue honorent des personnalités d'origines diverses (délibération de {year})."),
        (("avoided_spaces",),
         "Mediators now work in the park that some groups used to avoid.",
         "Des médiateurs interviennent désormais dans le parc que certains groupes évitaient."),
        (("meeting_places",),
         "Community gardens in {n} districts serve as meeting places.",
         "Des jardins partagés dans {n} quartiers servent de lieux de rencontre."),
        (("feeling_welcome",),
         "Residents' survey of {year}: {share}% of residents of migrant origin feel welcome in public "
         "places.",
         "Enquête auprès des habitants de {year} : {share} % des habitants issus de l'immigration se sentent "
         "bienvenus dans les lieux publics."),
    ],
    "mediation": [
        (("service",),
         "The municipal mediation service has {n} mediators speaking {langs} languages.",
         "Le service municipal de médiation compte {n} médiateurs parlant {langs} langues."),
        (("settings",),
         "Mediators work in schools, hospitals and social housing.",
         "Les médiateurs interviennent dans les écoles, les hôpitaux et les logements sociaux."),
        (("interfaith",),
         "An interfaith council meets every two months at the city hall.",
         "Un conseil interreligieux se réunit tous les deux mois à l'hôtel de ville."),
        (("staff_training",),
         "Front-desk staff have been trained in conflict resolution since {year}.",
         "Les agents d'accueil sont formés à la gestion des conflits depuis {year}."),
        (("early_warning",),
         "Mediators and the police meet every month to watch for tensions between groups.",
         "Médiateurs et police se réunissent chaque mois pour repérer les tensions entre groupes."),
    ],
    "language": [
        (("local_language_courses", "targeted_courses"),
         "Free courses in the local language for {many} adults last year.",
         "Cours de langue gratuits pour {many} adultes l'an dernier."),
        (("migrant_languages_teaching",),
         "Arabic, Turkish and Portuguese are taught after class in {n} schools.",
         "L'arabe, le turc et le portugais sont enseignés après la classe dans {n} écoles."),
        (("libraries",),
         "The libraries lend books in {langs} languages.",
         "Les médiathèques prêtent des livres en {langs} langues."),
        (("visibility",),
         "A mother-tongue day every February with community associations.",
         "Une journée des langues maternelles chaque février avec les associations."),
        (("minority_media",),
         "The city funds a community radio that broadcasts in {langs} languages.",
         "La ville soutient une radio associative qui émet en {langs} langues."),
        (("staff_skills",),
         "Staff who speak other languages wear a badge saying so at the front desks.",
         "Les agents qui parlent d'autres langues le signalent par un badge aux guichets."),
    ],
    "media": [
        (("communication", "communication_plan", "own_channels"),
         "The communication plan asks that city publications show the diversity of residents.",
         "Le plan de communication demande que les publications de la ville reflètent la diversité des "
         "habitants."),
        (("journalists",),
         "Training for local journalists with the press club in {year}.",
         "Formation des journalistes locaux avec le club de la presse en {year}."),
        (("anti_rumour",),
         "The anti-rumour network counts {n2} trained agents.",
         "Le réseau anti-rumeurs compte {n2} agents formés."),
        (("monitoring",),
         "The city follows how local media portray migrants and answers biased coverage.",
         "La ville suit l'image des migrants dans les médias locaux et répond aux articles biaisés."),
    ],
    "international": [
        (("policy", "budget", "origin_partnerships"),
         "Cooperation with cities in the main countries of origin, with a budget of {amount}.",
         "Coopération avec des villes des principaux pays d'origine, avec un budget de {amount}."),
        (("students",),
         "The university and the city welcome international students together each September.",
         "L'université et la ville accueillent ensemble les étudiants internationaux chaque septembre."),
        (("diaspora_links",),
         "Diaspora associations sit on the international relations committee.",
         "Les associations de la diaspora siègent au comité des relations internationales."),
    ],
    "intelligence": [
        (("diversity_data",),
         "The city observatory publishes diversity statistics every year.",
         "L'observatoire de la ville publie chaque année des statistiques sur la diversité."),
        (("attitudes_survey", "survey_use", "attitudes_trend"),
         "Residents' survey on attitudes to diversity in {year} ({many} respondents).",
         "Enquête auprès des habitants sur la diversité en {year} ({many} répondants)."),
        (("staff_training",),
         "{n2} staff attended intercultural competence training.",
         "{n2} agents ont suivi une formation aux compétences interculturelles."),
        (("research",),
         "Research partnership with the local university since {year}.",
         "Partenariat de recherche avec l'université depuis {year}."),
    ],
    "welcoming": [
        (("welcome_service", "groups_reached"),
         "The welcome desk at the city hall received {many} newcomers last year.",
         "Le guichet d'accueil de la mairie a reçu {many} nouveaux arrivants l'an dernier."),
        (("welcome_pack",),
         "The welcome pack exists in {langs} languages.",
         "Le livret d'accueil existe en {langs} langues."),
        (("ceremony",),
         "The mayor welcomes new residents at a ceremony twice a year.",
         "Le maire accueille les nouveaux habitants lors d'une cérémonie deux fois par an."),
        (("mentoring",),
         "Volunteer mentors accompany newcomers for six months.",
         "Des bénévoles parrainent les nouveaux arrivants pendant six mois."),
        (("qualifications",),
         "An adviser helps newcomers have their diplomas recognised.",
         "Un conseiller aide les nouveaux arrivants à faire reconnaître leurs diplômes."),
    ],
    "governance": [
        (("advisory_body",),
         "The advisory council of foreign residents has {n2} members, elected in {year}.",
         "Le conseil consultatif des résidents étrangers compte {n2} membres, élus en {year}."),
        (("council_diversity",),
         "{n} councillors of migrant origin since the {year} elections.",
         "{n} élus issus de l'immigration depuis les élections de {year}."),
        (("senior_staff",),
         "Two heads of department are of migrant origin.",
         "Deux directeurs de service sont issus de l'immigration."),
        (("voting_rights",),
         "Foreign residents vote in local elections after five years of residence.",
         "Les résidents étrangers votent aux élections locales après cinq ans de résidence."),
    ],
    "leadership": [
        (("advisory_body",),
         "The advisory council of foreign residents has {n2} members, elected in {year}.",
         "Le conseil consultatif des résidents étrangers compte {n2} membres, élus en {year}."),
        (("council_representation",),
         "{n} councillors of migrant origin since the {year} elections.",
         "{n} élus issus de l'immigration depuis les élections de {year}."),
        (("leadership_programmes",),
         "A leadership programme for young people of every background, {n2} places a year.",
         "Un programme de leadership pour les jeunes de toutes origines, {n2} places par an."),
        (("citizenship_support",),
         "Free advice sessions on naturalisation at the city hall every month.",
         "Permanences gratuites d'information sur la naturalisation chaque mois à la mairie."),
        (("voting_rights",),
         "Foreign residents vote in local elections after five years of residence.",
         "Les résidents étrangers votent aux élections locales après cinq ans de résidence."),
        (("public_boards",),
         "Residents of migrant origin sit on the boards of the housing company and the theatre.",
         "Des habitants issus de l'immigration siègent aux conseils de l'office HLM et du théâtre."),
    ],
    "anti_discrimination": [
        (("support_service", "complaints_data"),
         "The anti-discrimination office handled {n2} complaints last year.",
         "La mission de lutte contre les discriminations a traité {n2} réclamations l'an dernier."),
        (("rules_review",),
         "Municipal rules were reviewed for discriminatory effects in {year}.",
         "Les règlements municipaux ont été examinés sous l'angle des discriminations en {year}."),
        (("charter",),
         "The council adopted an anti-discrimination charter in {year}.",
         "Le conseil municipal a adopté une charte contre les discriminations en {year}."),
        (("campaigns",),
         "A campaign against racism every March with schools and sports clubs.",
         "Une campagne contre le racisme chaque mois de mars avec les écoles et les clubs sportifs."),
        (("hate_incidents",),
         "Hate incidents are recorded with the police and reviewed every quarter.",
         "Les actes haineux sont recensés avec la police et examinés chaque trimestre."),
        (("discrimination_trend",),
         "Reported cases went down in the last two surveys.",
         "Les cas signalés ont baissé lors des deux dernières enquêtes."),
    ],
    "participation": [
        (("participatory_budget",),
         "A participatory budget of {amount}; {pct}% of the projects come from the priority districts.",
         "Un budget participatif de {amount} ; {pct} % des projets viennent des quartiers prioritaires."),
        (("associations_support",),
         "Grants and meeting rooms for {n2} migrant associations.",
         "Subventions et salles de réunion pour {n2} associations de migrants."),
        (("youth",),
         "The youth council mirrors the diversity of the city.",
         "Le conseil des jeunes reflète la diversité de la ville."),
        (("consultation_reach",),
         "Consultations are announced in {langs} languages and held in the districts.",
         "Les consultations sont annoncées en {langs} langues et se tiennent dans les quartiers."),
        (("strategy_steering",),
         "Residents of migrant origin sit on the steering group of the strategy.",
         "Des habitants issus de l'immigration siègent au comité de pilotage de la stratégie."),
    ],
    "interaction": [
        (("mapping",),
         "A map of the places where residents of different origins meet, updated in {year}.",
         "Une carte des lieux de rencontre entre habitants d'origines diverses, mise à jour en {year}."),
        (("open_clubs",),
         "Sports clubs receive extra support when they open to every resident.",
         "Les clubs sportifs reçoivent une aide supplémentaire lorsqu'ils s'ouvrent à tous les habitants."),
        (("workplaces",),
         "Diversity training is offered to the employers of the business parks.",
         "Des formations à la diversité sont proposées aux employeurs des zones d'activité."),
        (("volunteering",),
         "The volunteering platform matched {many} volunteers last year.",
         "La plateforme de bénévolat a mis en relation {many} bénévoles l'an dernier."),
        (("everyday_contact",),
         "{share}% of residents meet people of another origin every week (survey of {year}).",
         "{share} % des habitants côtoient chaque semaine des personnes d'une autre origine (enquête "
         "de {year})."),
    ],
}  # fmt: skip
# For answers that earn nothing: what the city does (input) or what it measures (impact).
EXPLANATIONS_LOW: dict[str, list[tuple[str, str]]] = {
    "input": [
        ("Not yet; a proposal is planned for the next council term.",
         "Pas encore ; une proposition est prévue pour le prochain mandat."),
        ("Under discussion with the departments concerned.", "En discussion avec les services concernés."),
        ("The region is responsible for this; the city has no say.",
         "La région en a la compétence ; la ville n'a pas la main."),
    ],
    "impact": [
        ("No data is collected at municipal level.",
         "Aucune donnée n'est collectée à l'échelle de la commune."),
        ("The last survey dates from {year}; it has not been repeated since.",
         "La dernière enquête date de {year} ; elle n'a pas été renouvelée depuis."),
    ],
}  # fmt: skip
EXPLANATION_NA = ("Not applicable in our city.", "Sans objet pour notre ville.")
FACT_SOURCE = (
    "Source: national statistics office, {year}.",
    "Source : institut national de la statistique, {year}.",
)
# Where a link points, per section (https://www.<city>.example.org/<path>).
LINK_PATHS = {
    "commitment": "intercultural-city", "education": "education", "neighbourhoods": "neighbourhoods",
    "public_services": "services", "business": "economy", "cultural_life": "culture",
    "public_space": "urban-planning", "mediation": "mediation", "language": "languages", "media": "press",
    "international": "international", "intelligence": "observatory", "welcoming": "welcome",
    "governance": "citizenship", "leadership": "citizenship", "anti_discrimination": "equality",
    "participation": "participation", "interaction": "living-together",
}  # fmt: skip
AMOUNTS = [35_000, 48_000, 60_000, 85_000, 120_000, 150_000, 240_000]
# The main origin groups by country, for the facts section (English, French); others get the default.
ORIGIN_GROUPS: dict[str, tuple[str, str]] = {
    "FR": ("Algeria, Morocco, Portugal, Turkey, Tunisia", "Algérie, Maroc, Portugal, Turquie, Tunisie"),
    "CH": ("Portugal, Italy, France, Kosovo, Spain", "Portugal, Italie, France, Kosovo, Espagne"),
    "CA": ("Haiti, France, Algeria, Morocco, China", "Haïti, France, Algérie, Maroc, Chine"),
    "MA": ("Senegal, Côte d'Ivoire, Guinea, Mali, Syria", "Sénégal, Côte d'Ivoire, Guinée, Mali, Syrie"),
    "IT": ("Romania, Albania, Morocco, China, Ukraine", "Roumanie, Albanie, Maroc, Chine, Ukraine"),
    "ES": ("Morocco, Romania, Colombia, Ecuador, China", "Maroc, Roumanie, Colombie, Équateur, Chine"),
    "PT": ("Brazil, Cabo Verde, Angola, Ukraine, India", "Brésil, Cap-Vert, Angola, Ukraine, Inde"),
    "DE": ("Turkey, Poland, Syria, Romania, Italy", "Turquie, Pologne, Syrie, Roumanie, Italie"),
    "GB": ("India, Poland, Pakistan, Romania, Somalia", "Inde, Pologne, Pakistan, Roumanie, Somalie"),
    "NO": ("Poland, Lithuania, Somalia, Sweden, Syria", "Pologne, Lituanie, Somalie, Suède, Syrie"),
    "UA": (
        "Russia, Belarus, Moldova, Azerbaijan, Georgia",
        "Russie, Biélorussie, Moldavie, Azerbaïdjan, Géorgie",
    ),
}
ORIGIN_GROUPS_DEFAULT = ("Syria, Ukraine, Romania, Morocco, India", "Syrie, Ukraine, Roumanie, Maroc, Inde")

# ---------------------------------------------------------------------------------------------------
# The review: what the secretariat asks about an answer, and what the city replies (English, French).
# ---------------------------------------------------------------------------------------------------

REVIEW_QUESTIONS: list[tuple[str, tuple[str, str], tuple[str, str]]] = [
    (
        "commitment.budget_line",
        ("Could you give the amount of the budget line for this year and attach the council decision?",
         "Pourriez-vous indiquer le montant de la ligne budgétaire de l'année et joindre la délibération ?"),
        ("The line is €95,000 in this year's budget; the council decision is now linked.",
         "La ligne s'élève à 95 000 € au budget de cette année ; la délibération est désormais en lien."),
    ),
    (
        "education.school_mix",
        ("Which data did you use for the share of pupils of migrant origin in each school?",
         "Quelles données avez-vous utilisées pour la part d'élèves d'origine migrante par école ?"),
        ("The education authority's school census of last year; we added it to the explanation.",
         "Le recensement scolaire de l'an dernier, fourni par le rectorat ; nous l'avons ajouté à "
         "l'explication."),
    ),
    (
        "intelligence.attitudes_survey",
        ("When was the survey carried out, and how many residents answered it?",
         "Quand l'enquête a-t-elle été menée, et combien d'habitants y ont répondu ?"),
        ("In spring last year, with 1,240 respondents; the report is linked.",
         "Au printemps dernier, avec 1 240 répondants ; le rapport est en lien."),
    ),
    (
        "anti_discrimination.rules_review",
        ("Which rules were reviewed, and did the review change any of them?",
         "Quels règlements ont été examinés, et l'examen en a-t-il modifié ?"),
        ("The rules of the sports halls and of the housing allocation; two criteria were removed.",
         "Les règlements des gymnases et des attributions de logement ; deux critères ont été supprimés."),
    ),
    (
        "welcoming.welcome_pack",
        ("The link to the welcome pack no longer works; could you update it?",
         "Le lien vers le livret d'accueil ne fonctionne plus ; pourriez-vous le mettre à jour ?"),
        ("Done: the pack moved to the new city website.",
         "C'est fait : le livret a été déplacé sur le nouveau site de la ville."),
    ),
    (
        "media.anti_rumour",
        ("Is the anti-rumour strategy still running, or was it a one-off project?",
         "La stratégie anti-rumeurs est-elle toujours en cours, ou s'agissait-il d'un projet ponctuel ?"),
        ("It runs every year with the associations; this year's programme is linked.",
         "Elle est reconduite chaque année avec les associations ; le programme de cette année est en lien."),
    ),
]  # fmt: skip
RETURN_NOTE = (
    "Thank you for your answers. Please reply to the questions on the marked answers and add the missing "
    "evidence before submitting again.",
    "Merci pour vos réponses. Merci de répondre aux questions posées sur les réponses signalées et de "
    "compléter les justificatifs manquants avant de soumettre à nouveau.",
)
REOPEN_REASON = (
    "The city sent corrected population figures after the census update; the facts section must be "
    "corrected.",
    "La ville a transmis des chiffres de population corrigés après la mise à jour du recensement ; la "
    "section des données doit être corrigée.",
)
