"""The tables of the demo network (see icc/network/demo.py for the loader that reads them).

Cities are named as English readers know them; GEONAMES_NAMES maps those that GeoNames spells otherwise.
Every figure other than geography is invented.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from icc.accounts.models import RoleKind

SEED = 2016
DEMO_PASSWORD = "intercultural-demo"  # noqa: S105 - printed on purpose: the demo accounts are public
GEONAMES_SOURCE = "GeoNames (demo)"
SYNTHETIC_SOURCE = "Synthetic demo figure"
HISTORY_REASON = "network.demo_data"  # a history reason code (icc/network/reasons.py)
FIRST_FEE_YEAR, LAST_FEE_YEAR = 2022, 2026
ANNUAL_FEE = Decimal(5000)
LAST_DEMO_DAY = datetime.date(2026, 10, 31)  # nothing in the demo happens after this day

# ---------------------------------------------------------------------------------------------------
# Who is in the network. Names are the usual English ones; GEONAMES_NAMES maps those that GeoNames
# spells otherwise. Countries in the order of the real network's weight.
# ---------------------------------------------------------------------------------------------------

MEMBERS: dict[str, list[str]] = {
    "IT": [
        "Reggio Emilia", "Bergamo", "Genoa", "Milan", "Turin", "Venice", "Palermo", "Modena", "Padua",
        "Forlì", "Lodi", "Ravenna", "Campi Bisenzio", "Casalecchio di Reno", "Montesilvano", "Olbia",
        "Senigallia", "Viareggio", "Cesena", "Udine", "Rimini", "Bologna", "Florence", "Naples", "Rome",
    ],
    "ES": [
        "Barcelona", "Bilbao", "Cartagena", "Castellón de la Plana", "San Sebastián", "Fuenlabrada",
        "Getafe", "Jerez de la Frontera", "Logroño", "Málaga", "Murcia", "Parla", "Sabadell", "Salt",
        "Santa Coloma de Gramenet", "Santa Cruz de Tenerife", "Seville", "Vitoria-Gasteiz",
        "Las Palmas de Gran Canaria", "Valencia",
    ],
    "PT": [
        "Lisbon", "Amadora", "Beja", "Braga", "Cascais", "Coimbra", "Loures", "Oeiras", "Portimão",
        "Setúbal", "Viseu", "Porto", "Leiria", "Faro", "Guimarães",
    ],
    "NO": ["Oslo", "Bergen", "Stavanger", "Drammen", "Sandnes", "Tromsø"],
    "UA": ["Melitopol", "Odesa", "Lutsk", "Sumy", "Vinnytsia", "Kropyvnytskyi", "Pavlohrad"],
    "GR": ["Patras", "Athens", "Ioannina"],
    "DE": ["Berlin-Neukölln", "Stuttgart", "Erlangen", "Munich"],
    "FR": ["Lyon", "Strasbourg", "Paris", "Montreuil"],
    "GB": ["Bristol", "Swansea", "Glasgow", "Peterborough", "Edinburgh"],
    "CH": ["Neuchâtel", "Geneva", "Bern"],
    "SE": ["Malmö"],
    "PL": ["Lublin", "Gdańsk"],
    "CY": ["Limassol"],
    "IE": ["Dublin", "Limerick"],
    "NL": ["Tilburg", "Rotterdam"],
    "BE": ["Leuven", "Ostend"],
    "AT": ["Vienna"],
    "DK": ["Copenhagen"],
    "FI": ["Turku"],
    "RS": ["Subotica", "Novi Sad"],
    "BA": ["Sarajevo"],
    "MD": ["Bălți"],
    "GE": ["Tbilisi"],
    "TR": ["Izmir"],
    "HR": ["Rijeka"],
    "RO": ["Timișoara"],
    "LT": ["Vilnius"],
    "JP": ["Hamamatsu"],
    "MX": ["Mexico City"],
    "CA": ["Montreal"],
    "MA": ["Rabat", "Tangier", "Tétouan", "Marrakesh"],
    "AU": ["Ballarat", "Geelong", "Bendigo", "Werribee"],
    "IL": ["Haifa"],
    "KR": ["Ansan"],
    "RU": ["Izhevsk"],
}  # fmt: skip

# The eleven pilot cities of 2008.
PILOTS = [
    "Reggio Emilia", "Oslo", "Melitopol", "Neuchâtel", "Berlin-Neukölln", "Izhevsk", "Lublin",
    "Patras", "Subotica", "Tilburg", "Lyon",
]  # fmt: skip
# Years that the story needs: lead cities before their network, leavers before they left.
JOINED_IN = {
    "Barcelona": 2009, "Stavanger": 2010, "Lisbon": 2011, "Odesa": 2011, "Mexico City": 2011,
    "Montreal": 2011, "Strasbourg": 2012, "Olbia": 2013, "Udine": 2014, "Bristol": 2015,
    "Peterborough": 2015, "Ballarat": 2016, "Ioannina": 2016, "Rabat": 2017, "Hamamatsu": 2017,
    "Haifa": 2019, "Ansan": 2020,
}  # fmt: skip
# New members per year: 11 pilots, 99 members by the end of 2016, then slower, controlled growth.
NEW_MEMBERS_PER_YEAR = {
    2008: 11, 2009: 8, 2010: 8, 2011: 11, 2012: 12, 2013: 11, 2014: 12, 2015: 13, 2016: 13,
    2017: 9, 2018: 8, 2019: 5, 2020: 2, 2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1,
}  # fmt: skip
SUSPENDED = {
    "Udine": (datetime.date(2025, 6, 30), "Suspended: fees for 2024 and 2025 unpaid after three reminders."),
    "Ioannina": (datetime.date(2024, 11, 15), "Suspended at the city's request during its reorganisation."),
}
WITHDRAWN = {
    "Izhevsk": (datetime.date(2022, 3, 16), "Withdrawn: the Russian Federation left the Council of Europe."),
    "Olbia": (datetime.date(2019, 6, 30), "Withdrawn after the change of administration; may reapply."),
    "Peterborough": (datetime.date(2021, 9, 30), "Withdrawn: the intercultural team was disbanded."),
}  # fmt: skip

# Fees: exemptions by country or by city and year, cities that stopped paying, share of late payers.
FEE_EXEMPT_COUNTRIES = {"UA": "Difficult financial situation: the city's budget is under martial law."}
FEE_EXEMPTIONS = {
    ("Bălți", 2023): "Difficult financial situation.",
    ("Bălți", 2024): "Difficult financial situation.",
    ("Tbilisi", 2022): "Difficult financial situation after the floods.",
    ("Sarajevo", 2025): "Difficult financial situation.",
    ("Ioannina", 2025): "Membership suspended at the city's request: no fee while suspended.",
    ("Ioannina", 2026): "Membership suspended at the city's request: no fee while suspended.",
}
FEES_UNPAID_SINCE = {"Udine": 2024}
LATE_PAYERS = {2025: 0.08, 2026: 0.15}

# Candidates and how many accession steps each has reached (0 = none yet, 6 = agreement signed).
CANDIDATES: list[tuple[str, str, int]] = [
    ("CZ", "Prague", 6), ("MK", "Skopje", 6), ("SK", "Bratislava", 5), ("IS", "Reykjavík", 5),
    ("LT", "Kaunas", 5), ("SI", "Ljubljana", 4), ("LU", "Esch-sur-Alzette", 4), ("FR", "Nantes", 4),
    ("AL", "Tirana", 3), ("EE", "Tallinn", 3), ("UA", "Lviv", 3), ("BG", "Sofia", 2),
    ("ME", "Podgorica", 2), ("FR", "Grenoble", 2), ("PL", "Kraków", 2), ("AM", "Gyumri", 1),
    ("LV", "Riga", 1), ("IT", "Pontedera", 1), ("BA", "Mostar", 1), ("CZ", "Brno", 0),
]  # fmt: skip
ENQUIRIES: list[tuple[str, str, str]] = [
    ("HU", "Budapest", "Asked about the Index questionnaire after the Strasbourg conference."),
    ("UA", "Kyiv", "Deputy mayor's office asked for the accession conditions."),
    ("PL", "Warsaw", "Enquiry from the migrant integration centre; meeting planned."),
    ("RO", "Bucharest", "Introduced by Timișoara."),
    ("FR", "Montpellier", "Demande d'information reçue par courriel ; rendez-vous à fixer."),
    ("BE", "Brussels", "Prise de contact par la cellule égalité des chances."),
    ("AZ", "Baku", "Enquiry during the Council of Europe field visit."),
    ("CA", "Quebec City", "Demande transmise par Montréal."),
]
# Gyumri stands for the candidate whose diversity is too low; Pontedera (GeoNames: ~19,500
# inhabitants) for the one that is too small. Both show the eligibility warning.
DIVERSITY_OVERRIDES = {"Gyumri": (Decimal("2.10"), Decimal("0.80"), Decimal("3.40"))}

GEONAMES_NAMES = {
    "Reggio Emilia": "Reggio nell'Emilia", "Seville": "Sevilla", "San Sebastián": "Donostia / San Sebastián",
    "Vitoria-Gasteiz": "Gasteiz / Vitoria", "Castellón de la Plana": "Castelló de la Plana",
    "Patras": "Pátra", "Ioannina": "Ioánnina", "Berlin-Neukölln": "Neukölln", "Vinnytsia": "Vinnytsya",
    "Montreal": "Montréal", "Quebec City": "Québec", "Ansan": "Ansan-si", "Bălți": "Bălţi",
    "Timișoara": "Timişoara", "Izmir": "İzmir",
}  # fmt: skip
# French exonyms where French readers use one; other cities keep their English name.
FRENCH_NAMES = {
    "Reggio Emilia": "Reggio d'Émilie", "Genoa": "Gênes", "Venice": "Venise", "Palermo": "Palerme",
    "Modena": "Modène", "Padua": "Padoue", "Ravenna": "Ravenne", "Bologna": "Bologne", "Seville": "Séville",
    "Barcelona": "Barcelone", "Málaga": "Malaga", "Murcia": "Murcie", "Cartagena": "Carthagène",
    "Valencia": "Valence", "San Sebastián": "Saint-Sébastien",
    "Santa Cruz de Tenerife": "Santa Cruz de Ténérife",
    "Las Palmas de Gran Canaria": "Las Palmas de Grande Canarie", "Lisbon": "Lisbonne", "Athens": "Athènes",
    "Geneva": "Genève", "Bern": "Berne", "Edinburgh": "Édimbourg", "Copenhagen": "Copenhague",
    "Vienna": "Vienne", "Warsaw": "Varsovie", "Kraków": "Cracovie", "Gdańsk": "Gdansk",
    "Bucharest": "Bucarest", "Mexico City": "Mexico", "Montreal": "Montréal", "Quebec City": "Québec",
    "Odesa": "Odessa", "Lutsk": "Loutsk", "Sumy": "Soumy", "Tbilisi": "Tbilissi", "Brussels": "Bruxelles",
    "Leuven": "Louvain", "Ostend": "Ostende", "Tangier": "Tanger", "Marrakesh": "Marrakech",
    "Haifa": "Haïfa", "Izhevsk": "Ijevsk", "Baku": "Bakou", "Reykjavík": "Reykjavik",
}  # fmt: skip

# Plausible shares per country (% foreign-born, % foreign residents, % national minorities; None: not
# collected there). Each city gets these times a random factor: synthetic, but the right order.
DIVERSITY: dict[str, tuple[float, float, float | None]] = {
    "IT": (14, 11, None), "ES": (18, 13, None), "PT": (12, 7, None), "NO": (24, 14, None),
    "UA": (6, 1.5, 18), "GR": (12, 9, 1.5), "DE": (28, 17, None), "FR": (20, 9, None),
    "GB": (25, 12, 14), "CH": (38, 30, None), "SE": (28, 10, None), "PL": (6, 4, 2),
    "CY": (22, 18, 2), "IE": (20, 13, None), "NL": (24, 9, None), "BE": (30, 20, None),
    "AT": (35, 30, None), "DK": (18, 10, None), "FI": (12, 8, 6), "RS": (7, 1, 28),
    "BA": (4, 1, 12), "MD": (4, 1, 30), "GE": (3, 1, 14), "TR": (6, 4, 10), "HR": (12, 1, 8),
    "RO": (2, 0.5, 10), "LT": (5, 2, 18), "JP": (5, 4, None), "MX": (4, 1, 10), "CA": (34, 12, 20),
    "MA": (2, 1, 8), "AU": (36, 20, 3), "IL": (30, 6, 20), "KR": (7, 6, None), "RU": (5, 1, 25),
    "CZ": (8, 6, 4), "SK": (3, 1, 12), "SI": (13, 7, 3), "AL": (3, 1, 6), "AM": (4, 1, 2),
    "BG": (2, 1, 12), "EE": (15, 14, 30), "LV": (12, 13, 35), "IS": (20, 18, None),
    "LU": (55, 50, None), "ME": (12, 3, 30), "MK": (5, 2, 35), "HU": (6, 3, 8), "AZ": (3, 1, 8),
}  # fmt: skip


@dataclass(frozen=True)
class NetworkSpec:
    slug: str
    country: str
    name_en: str
    name_fr: str
    founded: int
    lead: str
    description_en: str
    description_fr: str
    plan_language: str = "en"


NETWORKS = [
    NetworkSpec(
        "rici", "IT", "Italian Network of Intercultural Cities (RICI — Rete Città Interculturali)",
        "Réseau italien des villes interculturelles (RICI — Rete Città Interculturali)",
        2010, "Reggio Emilia",
        "Italian member cities sharing practice on intercultural education, public space, anti-rumour work.",
        "Les villes membres italiennes partagent leurs pratiques : éducation interculturelle, espace public, "
        "stratégie anti-rumeurs.",
    ),
    NetworkSpec(
        "reci", "ES", "Spanish Network of Intercultural Cities (RECI — Red de Ciudades Interculturales)",
        "Réseau espagnol des villes interculturelles (RECI — Red de Ciudades Interculturales)", 2011,
        "Barcelona",
        "Spanish cities working together on coexistence, anti-rumour strategies and community mediation.",
        "Villes espagnoles travaillant ensemble sur le vivre-ensemble, les stratégies anti-rumeurs et la "
        "médiation de proximité.",
    ),
    NetworkSpec(
        "rpci", "PT", "Portuguese Network of Intercultural Cities (RPCI — Rede Portuguesa de Cidades "
        "Interculturais)", "Réseau portugais des villes interculturelles (RPCI — Rede Portuguesa de Cidades "
        "Interculturais)", 2015, "Lisbon",
        "Portuguese municipalities developing local integration plans and intercultural mediation.",
        "Municipalités portugaises élaborant des plans locaux d'intégration et la médiation interculturelle.",
    ),
    NetworkSpec(
        "norwegian-network", "NO", "Norwegian Network of Intercultural Cities",
        "Réseau norvégien des villes interculturelles", 2014, "Stavanger",
        "Norwegian cities comparing their Index results and inclusion policies.",
        "Villes norvégiennes comparant leurs résultats à l'Indice et leurs politiques d'inclusion.",
    ),
    NetworkSpec(
        "ukrainian-network", "UA", "Ukrainian Network of Intercultural Cities",
        "Réseau ukrainien des villes interculturelles", 2016, "Odesa",
        "Ukrainian cities supporting internally displaced people and intercultural dialogue.",
        "Villes ukrainiennes soutenant les personnes déplacées et le dialogue interculturel.",
    ),
    NetworkSpec(
        "moroccan-network", "MA", "Moroccan Network of Intercultural Cities",
        "Réseau marocain des villes interculturelles", 2019, "Rabat",
        "Moroccan cities developing welcoming policies for migrants from sub-Saharan Africa.",
        "Villes marocaines développant des politiques d'accueil des migrants d'Afrique subsaharienne.",
        plan_language="fr",
    ),
    NetworkSpec(
        "uk-network", "GB", "UK Intercultural Cities Network",
        "Réseau britannique des villes interculturelles", 2018, "Bristol",
        "Cities of the United Kingdom working on community cohesion and inclusive public services.",
        "Villes du Royaume-Uni travaillant sur la cohésion des quartiers et des services publics inclusifs.",
    ),
    NetworkSpec(
        "icc-australia", "AU", "Intercultural Cities Network Australia",
        "Réseau australien des villes interculturelles", 2017, "Ballarat",
        "Australian cities, mostly in Victoria, sharing intercultural planning and welcoming practice.",
        "Villes australiennes, surtout du Victoria, partageant planification interculturelle et accueil.",
    ),
]  # fmt: skip

# Plan statuses per network for the years the secretariat is still handling (older years: approved).
ANNUAL_REPORT_2025 = [
    "submitted",
    "returned",
    "approved",
    "submitted",
    "approved",
    "returned",
    "draft",
    "approved",
]
ACTION_PLAN_2026 = [
    "approved",
    "submitted",
    "returned",
    "draft",
    "approved",
    "submitted",
    "approved",
    "returned",
]
RETURN_COMMENTS = {
    "en": "Please add an indicator and a baseline for each action, and the budget line for the study visit.",
    "fr": "Merci de préciser un indicateur et une valeur de départ pour chaque action, ainsi que le budget "
    "de la visite d'étude.",
}

# ---------------------------------------------------------------------------------------------------
# People: contact names, departments and notes in the city's language where that is easy.
# ---------------------------------------------------------------------------------------------------

COUNTRY_LANGUAGE = {
    "IT": "it", "ES": "es", "MX": "es", "PT": "pt", "FR": "fr", "LU": "fr", "MA": "fr", "CA": "fr",
    "CH": "fr", "BE": "nl", "NL": "nl", "DE": "de", "AT": "de", "NO": "no", "SE": "sv", "DK": "nordic",
    "FI": "nordic", "IS": "nordic", "UA": "uk", "GR": "el", "CY": "el", "GB": "en", "IE": "en", "AU": "en",
    "PL": "west_slavic", "CZ": "west_slavic", "SK": "west_slavic", "RS": "south_slavic",
    "BA": "south_slavic", "HR": "south_slavic", "ME": "south_slavic", "MK": "south_slavic",
    "SI": "south_slavic", "LT": "baltic", "LV": "baltic", "EE": "baltic", "RO": "ro", "MD": "ro",
    "TR": "tr", "JP": "ja", "KR": "ko", "IL": "he", "GE": "ka", "AM": "hy", "AL": "sq", "BG": "bg",
    "HU": "hu", "AZ": "az",
}  # fmt: skip
CITY_LANGUAGE = {"Bern": "de", "Brussels": "fr"}
FRENCH_SPEAKING = {"fr"}

# First names and family names, comma-separated.
PERSON_NAMES: dict[str, tuple[str, str]] = {
    "it": ("Giulia, Marco, Francesca, Luca, Chiara, Matteo", "Bianchi, Romano, Colombo, Ricci, Greco, Conti"),
    "es": ("Lucía, Javier, Carmen, Pablo, Nuria, Álvaro", "García, Martínez, López, Romero, Navarro, Ruiz"),
    "pt": ("Ana, João, Inês, Rui, Catarina, Tiago", "Silva, Santos, Ferreira, Costa, Almeida, Carvalho"),
    "fr": (
        "Camille, Nicolas, Sophie, Julien, Amina, Karim",
        "Martin, Dubois, Moreau, Laurent, Benali, Fournier",
    ),
    "de": ("Anna, Jonas, Katrin, Felix, Sabine, Mehmet", "Müller, Schmidt, Wagner, Becker, Yilmaz, Keller"),
    "nl": ("Sanne, Daan, Fleur, Bram, Noor, Joris", "de Vries, Jansen, Bakker, Visser, Peeters, Claes"),
    "no": ("Ingrid, Lars, Sigrid, Erik, Amal, Håkon", "Hansen, Johansen, Larsen, Berg, Haugen, Dahl"),
    "sv": ("Karin, Johan, Sara, Erik, Leila, Anders", "Andersson, Nilsson, Lindqvist, Svensson, Ek, Holm"),
    "nordic": (
        "Mette, Mikkel, Aino, Jussi, Sigrún, Kári",
        "Nielsen, Jensen, Virtanen, Korhonen, Jónsdóttir, Magnússon",
    ),
    "uk": (
        "Olena, Andrii, Iryna, Taras, Oksana, Dmytro",
        "Kovalenko, Shevchenko, Bondarenko, Tkachenko, Melnyk, Kravchenko",
    ),
    "el": (
        "Maria, Giorgos, Eleni, Nikos, Katerina, Andreas",
        "Papadopoulou, Nikolaidis, Georgiou, Christodoulou, Ioannou, Vlachos",
    ),
    "en": ("Sarah, James, Priya, Daniel, Aisha, Liam", "Smith, Jones, Patel, Walsh, Campbell, Nguyen"),
    "west_slavic": (
        "Anna, Piotr, Katarína, Tomáš, Magdalena, Marek",
        "Nowak, Kowalska, Novák, Horváthová, Wiśniewski, Dvořák",
    ),
    "south_slavic": (
        "Ivana, Marko, Amra, Luka, Jelena, Emir",
        "Horvat, Petrović, Hadžić, Kovač, Jovanović, Novak",
    ),
    "baltic": (
        "Rūta, Mantas, Laura, Jānis, Kristiina, Andrus",
        "Kazlauskas, Bērziņš, Tamm, Petrauskienė, Ozola, Saar",
    ),
    "ro": ("Ioana, Andrei, Elena, Mihai, Cristina, Vlad", "Popescu, Ionescu, Rusu, Munteanu, Ciobanu, Lungu"),
    "tr": ("Ayşe, Mehmet, Elif, Emre, Zeynep, Can", "Yılmaz, Kaya, Demir, Şahin, Çelik, Aydın"),
    "ja": ("Yuki, Haruto, Aoi, Sota, Mei, Ren", "Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto"),
    "ko": ("Ji-woo, Min-jun, Seo-yeon, Do-hyun, Ha-eun, Ji-ho", "Kim, Lee, Park, Choi, Jung, Kang"),
    "he": ("Noa, Yossi, Tamar, Amit, Maya, Eitan", "Cohen, Levi, Mizrahi, Peretz, Haddad, Friedman"),
    "ka": (
        "Nino, Giorgi, Tamar, Levan, Ana, Davit",
        "Beridze, Kapanadze, Gelashvili, Maisuradze, Lomidze, Tsiklauri",
    ),
    "hy": (
        "Anahit, Aram, Lilit, Tigran, Mariam, Hayk",
        "Hakobyan, Petrosyan, Sargsyan, Grigoryan, Harutyunyan, Avetisyan",
    ),
    "sq": ("Elira, Arben, Jonida, Erion, Blerta, Gentian", "Hoxha, Shehu, Dervishi, Leka, Çela, Gjoka"),
    "bg": (
        "Maria, Georgi, Desislava, Ivan, Elena, Nikolay",
        "Ivanova, Petrov, Dimitrova, Georgiev, Stoyanova, Nikolov",
    ),
    "hu": ("Eszter, Bence, Réka, Gábor, Zsófia, Levente", "Nagy, Kovács, Tóth, Szabó, Horváth, Varga"),
    "az": (
        "Aynur, Rashad, Leyla, Elvin, Gunel, Murad",
        "Aliyeva, Mammadov, Hasanova, Huseynov, Guliyeva, Ismayilov",
    ),
}
DEPARTMENTS = {
    "it": ["Ufficio Intercultura", "Servizi Sociali", "Politiche Giovanili"],
    "es": [
        "Servicio de Convivencia e Interculturalidad",
        "Área de Derechos Sociales",
        "Oficina de Inmigración",
    ],
    "pt": ["Divisão de Intervenção Social", "Gabinete de Apoio ao Imigrante", "Departamento de Educação"],
    "fr": ["Direction de la cohésion sociale", "Mission égalité-diversité", "Direction de l'éducation"],
    "de": ["Amt für Integration", "Stabsstelle Vielfalt", "Jugendamt"],
    "nl": ["Dienst Samenleven", "Afdeling Diversiteit", "Onderwijs en Jeugd"],
    "no": ["Inkluderingsavdelingen", "Oppvekst og utdanning", "Byutvikling"],
    "sv": ["Avdelningen för inkludering", "Utbildningsförvaltningen", "Stadsbyggnadskontoret"],
    "en": ["Community Cohesion Team", "Equalities and Diversity Unit", "Education Services"],
}
POSITIONS = [
    "Head of the integration office",
    "Policy officer, diversity and inclusion",
    "Deputy mayor for social cohesion",
    "Anti-rumour project lead",
    "Education department liaison",
    "Communications officer",
]
STEP_NOTES = {  # (English, French)
    "application_received": (
        "Letter of intent from the mayor received; council resolution attached.",
        "Lettre d'intention du maire reçue ; délibération du conseil municipal jointe.",
    ),
    "index_submitted": ("Index questionnaire received with annexes.", "Questionnaire reçu avec annexes."),
    "report_issued": (
        "Analytical report sent to the coordinator.",
        "Rapport analytique transmis à la coordinatrice.",
    ),
    "expert_visit_held": (
        "Two-day visit by the expert and a secretariat member; met six departments and local NGOs.",
        "Visite de deux jours de l'experte et d'un membre du secrétariat ; six services et des "
        "associations rencontrés.",
    ),
    "profile_issued": (
        "Intercultural profile report sent to the mayor.",
        "Profil interculturel transmis au maire.",
    ),
    "agreement_signed": ("Agreement signed by the mayor.", "Accord signé par le maire."),
    "member": (
        "Welcomed at the annual coordinators' meeting.",
        "Accueillie lors de la réunion annuelle des coordinateurs.",
    ),
}
SUPPORT_GROUP = {
    "en": "Cross-departmental group of {n} officials and NGO representatives; meets every quarter.",
    "fr": "Groupe transversal de {n} agents et représentants associatifs ; se réunit chaque trimestre.",
}


@dataclass(frozen=True)
class AccountSpec:
    email: str
    full_name: str
    language: str
    # (role kind, city name or "", network slug or "")
    roles: list[tuple[str, str, str]] = field(default_factory=list)


ACCOUNTS = [
    AccountSpec("secretariat@demo.icc", "Hélène Marchetti", "en", [(RoleKind.SECRETARIAT, "", "")]),
    AccountSpec(
        "coordinator@demo.icc", "Claire Fontaine", "fr", [(RoleKind.CITY_COORDINATOR, "Strasbourg", "")]
    ),
    AccountSpec(
        "contributor@demo.icc", "Julien Weber", "fr", [(RoleKind.CITY_CONTRIBUTOR, "Strasbourg", "")]
    ),
    AccountSpec("expert@demo.icc", "Ana Kovač", "en", [(RoleKind.EXPERT, "", "")]),
    AccountSpec("network@demo.icc", "Giulia Ferrante", "en", [(RoleKind.NETWORK_COORDINATOR, "", "rici")]),
    AccountSpec(
        "multi@demo.icc",
        "João Almeida",
        "en",
        [(RoleKind.CITY_COORDINATOR, "Lisbon", ""), (RoleKind.NETWORK_COORDINATOR, "", "rpci")],
    ),
]

GROWTH_TARGETS = [
    (datetime.date(2017, 12, 31), 100, "Strategy 2016-2019: 100 cities by end 2017",
     "Stratégie 2016-2019 : 100 villes fin 2017"),
    (datetime.date(2019, 12, 31), 120, "Strategy 2016-2019: 120 cities by end 2019",
     "Stratégie 2016-2019 : 120 villes fin 2019"),
]  # fmt: skip
