# ruff: noqa: E501 - prose and quiz data, one choice per line
"""The demo course's content: six lessons on the intercultural approach, from the programme's medium-term
strategy 2016-2019 (the seed document), each with a short quiz, in English and French. Plain data."""

from typing import Any

COURSE: dict[str, str] = {
    "slug": "intercultural-approach",
    "title_en": "The intercultural approach: an initiation",
    "title_fr": "L'approche interculturelle : une initiation",
    "summary_en": (
        "Six short lessons for officials of new member cities and anyone interested: what the diversity advantage "
        "is, how the Intercultural Cities Index works, the anti-rumour approach, participation, intercultural "
        "mixing, and how a city builds its intercultural strategy."
    ),
    "summary_fr": (
        "Six courtes leçons pour les agents des nouvelles villes membres et toute personne intéressée : l'avantage "
        "de la diversité, l'Indice des Cités interculturelles, l'approche anti-rumeurs, la participation, la mixité "
        "interculturelle, et la construction d'une stratégie interculturelle."
    ),
}

# Each lesson: titles, texts (paragraphs separated by a blank line), and questions:
# (text_en, text_fr, [(choice_en, choice_fr, right, feedback_en, feedback_fr), ...]).
LESSONS: list[dict[str, Any]] = [
    {
        "title_en": "The diversity advantage",
        "title_fr": "L'avantage de la diversité",
        "body_en": (
            "The successful cities of the future will be those best able to harness the talent and energy of their "
            "diverse residents. A city can minimise the threats and maximise the potential of diversity by "
            "developing, negotiating and implementing a comprehensive strategy to realise its diversity advantage.\n\n"
            "Intercultural integration does not ask newcomers to become like everyone else, nor does it leave "
            "communities to live side by side without contact. It treats diversity as a resource, guarantees equal "
            "rights and opportunities, and invests in mixing and interaction between people of different ethnic, "
            "religious and linguistic backgrounds.\n\n"
            "Three principles run through the whole course: equality (the same rights and access for all residents), "
            "recognition of diversity (in the city's institutions, services and public discourse), and positive "
            "interaction (spaces and occasions where people meet, cooperate and build trust)."
        ),
        "body_fr": (
            "Les villes qui réussiront demain sont celles qui sauront mobiliser le talent et l'énergie de leurs "
            "habitants dans toute leur diversité. Une ville peut réduire les risques et accroître le potentiel de la "
            "diversité en élaborant, en négociant et en mettant en œuvre une stratégie globale pour réaliser "
            "l'avantage de la diversité.\n\n"
            "L'intégration interculturelle ne demande pas aux nouveaux venus de devenir comme tout le monde, et ne "
            "laisse pas non plus les communautés vivre côte à côte sans contact. Elle traite la diversité comme une "
            "ressource, garantit l'égalité des droits et des chances, et investit dans la mixité et l'interaction "
            "entre personnes d'origines ethniques, religieuses et linguistiques différentes.\n\n"
            "Trois principes traversent tout le cours : l'égalité (les mêmes droits et le même accès pour tous les "
            "habitants), la reconnaissance de la diversité (dans les institutions, les services et le discours "
            "public de la ville) et l'interaction positive (des lieux et des occasions où l'on se rencontre, coopère "
            "et construit la confiance)."
        ),
        "questions": [
            (
                "What does the intercultural approach treat diversity as?",
                "Comme quoi l'approche interculturelle traite-t-elle la diversité ?",
                [
                    (
                        "A resource for the city",
                        "Une ressource pour la ville",
                        True,
                        "Yes: the diversity advantage is the potential a city realises with a deliberate strategy.",
                        "Oui : l'avantage de la diversité est le potentiel qu'une ville réalise par une stratégie délibérée.",
                    ),
                    (
                        "A problem to be contained",
                        "Un problème à contenir",
                        False,
                        "No: the approach minimises threats but starts from diversity's potential.",
                        "Non : l'approche réduit les risques mais part du potentiel de la diversité.",
                    ),
                    (
                        "A private matter outside city policy",
                        "Une affaire privée hors des politiques de la ville",
                        False,
                        "No: it runs through every policy and service of the city.",
                        "Non : elle traverse toutes les politiques et tous les services de la ville.",
                    ),
                ],
            ),
            (
                "Which are the three principles of intercultural integration?",
                "Quels sont les trois principes de l'intégration interculturelle ?",
                [
                    (
                        "Equality, recognition of diversity, positive interaction",
                        "Égalité, reconnaissance de la diversité, interaction positive",
                        True,
                        "Right: the three principles of the course.",
                        "Juste : les trois principes du cours.",
                    ),
                    (
                        "Assimilation, control, separation",
                        "Assimilation, contrôle, séparation",
                        False,
                        "No: these are the models the intercultural approach moves away from.",
                        "Non : ce sont les modèles dont l'approche interculturelle s'éloigne.",
                    ),
                    (
                        "Tolerance, distance, neutrality",
                        "Tolérance, distance, neutralité",
                        False,
                        "No: living side by side without contact is what the approach seeks to overcome.",
                        "Non : vivre côte à côte sans contact est ce que l'approche cherche à dépasser.",
                    ),
                ],
            ),
        ],
    },
    {
        "title_en": "The Intercultural Cities Index",
        "title_fr": "L'Indice des Cités interculturelles",
        "body_en": (
            "Candidate cities complete the Intercultural Cities Index questionnaire and receive an analytical report "
            "on the results, with examples of good practice from other cities.\n\n"
            "The Index assesses where a city stands in the different policy and governance areas (education, "
            "neighbourhoods, public services, business and the labour market, cultural and civil life, public space, "
            "mediation, language, media, international outlook, intelligence and competence, welcoming newcomers, "
            "leadership and citizenship, anti-discrimination, participation and interaction) and measures progress "
            "over time.\n\n"
            "The first data collection takes place after the city joins, before the introductory expert visit; "
            "later assessments follow every two to three years. The results show where efforts should be "
            "concentrated and which cities can learn from each other."
        ),
        "body_fr": (
            "Les villes candidates remplissent le questionnaire de l'Indice des Cités interculturelles et reçoivent "
            "un rapport d'analyse des résultats, avec des exemples de bonnes pratiques d'autres villes.\n\n"
            "L'Indice évalue la situation de la ville dans les différents domaines de politique et de gouvernance "
            "(éducation, quartiers, services publics, entreprises et marché du travail, vie culturelle et civile, "
            "espace public, médiation, langues, médias, ouverture internationale, connaissance et compétence, "
            "accueil des nouveaux arrivants, leadership et citoyenneté, lutte contre les discriminations, "
            "participation et interaction) et mesure les progrès dans le temps.\n\n"
            "La première collecte a lieu après l'adhésion de la ville, avant la visite d'experts d'introduction ; "
            "les campagnes suivantes ont lieu tous les deux ou trois ans. Les résultats montrent où concentrer les "
            "efforts et quelles villes peuvent apprendre les unes des autres."
        ),
        "questions": [
            (
                "When does a new member city first answer the Index?",
                "Quand une nouvelle ville membre répond-elle pour la première fois à l'Indice ?",
                [
                    (
                        "After joining, before the introductory expert visit",
                        "Après l'adhésion, avant la visite d'experts d'introduction",
                        True,
                        "Right: the visit then confirms the results and makes a diagnosis.",
                        "Juste : la visite confirme ensuite les résultats et établit un diagnostic.",
                    ),
                    (
                        "Only after its strategy is adopted",
                        "Seulement après l'adoption de sa stratégie",
                        False,
                        "No: the Index comes first, to show where to concentrate efforts.",
                        "Non : l'Indice vient d'abord, pour montrer où concentrer les efforts.",
                    ),
                    (
                        "Once, never again",
                        "Une fois, jamais plus",
                        False,
                        "No: later campaigns every two to three years measure progress.",
                        "Non : des campagnes tous les deux ou trois ans mesurent les progrès.",
                    ),
                ],
            ),
            (
                "What does a city receive after answering the Index?",
                "Que reçoit une ville après avoir répondu à l'Indice ?",
                [
                    (
                        "An analytical report with examples of good practice",
                        "Un rapport d'analyse avec des exemples de bonnes pratiques",
                        True,
                        "Right.",
                        "Juste.",
                    ),
                    (
                        "A ranking prize",
                        "Un prix de classement",
                        False,
                        "No: the Index is a tool for learning, not a contest.",
                        "Non : l'Indice est un outil d'apprentissage, pas un concours.",
                    ),
                    (
                        "A fine if its score is low",
                        "Une amende si son score est faible",
                        False,
                        "No: a low score shows where to work, with the network's help.",
                        "Non : un score faible montre où travailler, avec l'aide du réseau.",
                    ),
                ],
            ),
        ],
    },
    {
        "title_en": "The anti-rumour approach",
        "title_fr": "L'approche anti-rumeurs",
        "body_en": (
            "Negative rumours and stereotypes about migrants and minorities feed distrust and discrimination. The "
            "anti-rumour approach, born in Barcelona and adopted by dozens of cities across Europe, answers them "
            "with a long-term strategy rather than a single campaign.\n\n"
            "A city maps the rumours that circulate, builds a network of local organisations and trains "
            "anti-rumour agents: residents, shopkeepers, teachers, officials who learn to start a conversation with "
            "people who repeat a rumour, listen, question and bring facts and personal experience.\n\n"
            "Facts alone rarely change minds: emotions, empathy and contact matter as much. The effectiveness of "
            "awareness-raising has been assessed with representative polls and focus groups."
        ),
        "body_fr": (
            "Les rumeurs et stéréotypes négatifs sur les migrants et les minorités nourrissent la méfiance et la "
            "discrimination. L'approche anti-rumeurs, née à Barcelone et adoptée par des dizaines de villes en "
            "Europe, y répond par une stratégie de long terme plutôt que par une seule campagne.\n\n"
            "La ville recense les rumeurs qui circulent, constitue un réseau d'organisations locales et forme des "
            "agents anti-rumeurs : habitants, commerçants, enseignants, agents publics qui apprennent à engager la "
            "conversation avec ceux qui répètent une rumeur, à écouter, à questionner et à apporter des faits et "
            "leur expérience.\n\n"
            "Les faits seuls changent rarement les opinions : les émotions, l'empathie et le contact comptent "
            "autant. L'efficacité de la sensibilisation a été évaluée par des sondages représentatifs et des groupes "
            "de discussion."
        ),
        "questions": [
            (
                "Who are anti-rumour agents?",
                "Qui sont les agents anti-rumeurs ?",
                [
                    (
                        "Trained residents, shopkeepers, teachers and officials",
                        "Des habitants, commerçants, enseignants et agents formés",
                        True,
                        "Right: people in everyday contact with others.",
                        "Juste : des personnes en contact quotidien avec les autres.",
                    ),
                    (
                        "Police officers only",
                        "Uniquement des policiers",
                        False,
                        "No: the approach relies on a broad local network.",
                        "Non : l'approche s'appuie sur un large réseau local.",
                    ),
                    (
                        "Journalists paid by the city",
                        "Des journalistes payés par la ville",
                        False,
                        "No: agents are volunteers and professionals trained in conversation.",
                        "Non : les agents sont des bénévoles et des professionnels formés à la conversation.",
                    ),
                ],
            ),
            (
                "What changes minds besides facts? (choose every right answer)",
                "Qu'est-ce qui fait évoluer les opinions en plus des faits ? (toutes les bonnes réponses)",
                [
                    (
                        "Empathy",
                        "L'empathie",
                        True,
                        "Yes: listening comes before arguing.",
                        "Oui : écouter passe avant argumenter.",
                    ),
                    (
                        "Contact between people",
                        "Le contact entre les personnes",
                        True,
                        "Yes: personal experience is strong evidence.",
                        "Oui : l'expérience personnelle est une preuve forte.",
                    ),
                    (
                        "Shaming the person",
                        "Faire honte à la personne",
                        False,
                        "No: shaming closes the conversation.",
                        "Non : faire honte ferme la conversation.",
                    ),
                ],
            ),
        ],
    },
    {
        "title_en": "Participation",
        "title_fr": "La participation",
        "body_en": (
            "An intercultural city involves all its residents, whatever their origin or nationality, in shaping "
            "its policies. Participation covers consultative bodies that represent migrants and minorities, "
            "participatory budgets, and the presence of people of diverse backgrounds in the city's leadership, "
            "workforce and boards.\n\n"
            "Participation is not only formal. Residents participate when associations are supported, when public "
            "meetings are held in accessible places and languages, and when the city asks for and uses residents' "
            "views, including through questionnaires to the public beside the Index.\n\n"
            "A city that plans with its residents rather than for them builds trust, and better services."
        ),
        "body_fr": (
            "Une cité interculturelle associe tous ses habitants, quelle que soit leur origine ou leur nationalité, "
            "à l'élaboration de ses politiques. La participation couvre les instances consultatives représentant "
            "migrants et minorités, les budgets participatifs et la présence de personnes d'origines diverses dans "
            "la direction, le personnel et les conseils de la ville.\n\n"
            "La participation n'est pas seulement formelle. Les habitants participent quand les associations sont "
            "soutenues, quand les réunions publiques ont lieu dans des lieux et des langues accessibles, et quand "
            "la ville demande et utilise l'avis des habitants, y compris par des questionnaires au public à côté de "
            "l'Indice.\n\n"
            "Une ville qui planifie avec ses habitants plutôt que pour eux construit la confiance, et de meilleurs "
            "services."
        ),
        "questions": [
            (
                "Who should take part in shaping an intercultural city's policies?",
                "Qui devrait participer à l'élaboration des politiques d'une cité interculturelle ?",
                [
                    (
                        "All residents, whatever their nationality",
                        "Tous les habitants, quelle que soit leur nationalité",
                        True,
                        "Right.",
                        "Juste.",
                    ),
                    (
                        "Only citizens who vote",
                        "Seulement les citoyens qui votent",
                        False,
                        "No: residents without the vote are reached through other channels too.",
                        "Non : les habitants sans droit de vote sont associés par d'autres canaux.",
                    ),
                    (
                        "Only experts",
                        "Seulement les experts",
                        False,
                        "No: experts help, residents decide with the city.",
                        "Non : les experts aident, les habitants décident avec la ville.",
                    ),
                ],
            ),
            (
                "Which of these is a form of participation?",
                "Laquelle de ces pratiques est une forme de participation ?",
                [
                    (
                        "A participatory budget open to all residents",
                        "Un budget participatif ouvert à tous les habitants",
                        True,
                        "Right.",
                        "Juste.",
                    ),
                    (
                        "A poster campaign",
                        "Une campagne d'affichage",
                        False,
                        "No: informing is not yet involving.",
                        "Non : informer n'est pas encore associer.",
                    ),
                    (
                        "A closed council meeting",
                        "Une séance du conseil à huis clos",
                        False,
                        "No: it excludes residents.",
                        "Non : elle exclut les habitants.",
                    ),
                ],
            ),
        ],
    },
    {
        "title_en": "Intercultural mixing",
        "title_fr": "La mixité interculturelle",
        "body_en": (
            "Trust grows when people meet. An intercultural city works to increase intercultural interaction, "
            "mixing and trust in schools, neighbourhoods, public spaces, workplaces, culture and sport.\n\n"
            "It avoids concentrating newcomers in a few neighbourhoods, encourages schools whose pupils reflect "
            "the city's diversity, designs public spaces where people linger and meet, and supports events and "
            "projects that bring people of different backgrounds together around shared interests.\n\n"
            "Officials can apply an intercultural lens to their own work: how can what we do increase interaction, "
            "mixing and trust?"
        ),
        "body_fr": (
            "La confiance grandit quand les gens se rencontrent. Une cité interculturelle cherche à accroître "
            "l'interaction, la mixité et la confiance dans les écoles, les quartiers, l'espace public, le travail, "
            "la culture et le sport.\n\n"
            "Elle évite de concentrer les nouveaux arrivants dans quelques quartiers, encourage des écoles dont les "
            "élèves reflètent la diversité de la ville, aménage des espaces publics où l'on s'attarde et se "
            "rencontre, et soutient des événements et des projets qui réunissent des personnes d'origines "
            "différentes autour d'intérêts communs.\n\n"
            "Les agents peuvent appliquer un regard interculturel à leur propre travail : comment ce que nous "
            "faisons peut-il accroître l'interaction, la mixité et la confiance ?"
        ),
        "questions": [
            (
                "What is the intercultural lens?",
                "Qu'est-ce que le regard interculturel ?",
                [
                    (
                        "Asking how one's work can increase interaction, mixing and trust",
                        "Se demander comment son travail peut accroître l'interaction, la mixité et la confiance",
                        True,
                        "Right: every service can apply it.",
                        "Juste : chaque service peut l'appliquer.",
                    ),
                    (
                        "A separate department for migrants",
                        "Un service séparé pour les migrants",
                        False,
                        "No: the approach works across departments, not in a silo.",
                        "Non : l'approche traverse les services au lieu de former un silo.",
                    ),
                    (
                        "A survey of residents' origins",
                        "Une enquête sur l'origine des habitants",
                        False,
                        "No: it is a way of designing policies.",
                        "Non : c'est une façon de concevoir les politiques.",
                    ),
                ],
            ),
            (
                "Which choice favours mixing?",
                "Quel choix favorise la mixité ?",
                [
                    (
                        "Public spaces designed for people to linger and meet",
                        "Des espaces publics conçus pour s'attarder et se rencontrer",
                        True,
                        "Right.",
                        "Juste.",
                    ),
                    (
                        "Housing all newcomers in one district",
                        "Loger tous les nouveaux arrivants dans un quartier",
                        False,
                        "No: concentration reduces contact.",
                        "Non : la concentration réduit les contacts.",
                    ),
                    (
                        "Separate events for each community",
                        "Des événements séparés pour chaque communauté",
                        False,
                        "No: shared interests bring people together.",
                        "Non : les intérêts communs rassemblent.",
                    ),
                ],
            ),
        ],
    },
    {
        "title_en": "Building an intercultural strategy",
        "title_fr": "Construire une stratégie interculturelle",
        "body_en": (
            "After the Index and the expert visit, a city builds a comprehensive intercultural strategy that cuts "
            "across institutional silos and mobilises leaders, policy officers, professionals, businesses and civil "
            "society.\n\n"
            "Workshops bring together people of different administrative and professional backgrounds to imagine "
            "their work differently through the intercultural lens. The result is a vision paper, the basis of the "
            "strategy and of an action plan with objectives, responsibilities, resources and indicators.\n\n"
            "A public debate on the diversity advantage, led by the mayor, helps the city own its strategy. The "
            "next Index round then measures progress."
        ),
        "body_fr": (
            "Après l'Indice et la visite d'experts, la ville construit une stratégie interculturelle globale qui "
            "dépasse les cloisonnements institutionnels et mobilise élus, agents, professionnels, entreprises et "
            "société civile.\n\n"
            "Des ateliers réunissent des personnes d'horizons administratifs et professionnels différents pour "
            "imaginer autrement leur travail sous le regard interculturel. Il en résulte un document de vision, "
            "base de la stratégie et d'un plan d'action avec objectifs, responsabilités, moyens et indicateurs.\n\n"
            "Un débat public sur l'avantage de la diversité, mené par le maire, aide la ville à s'approprier sa "
            "stratégie. La campagne suivante de l'Indice mesure ensuite les progrès."
        ),
        "questions": [
            (
                "What is the basis of the city's intercultural strategy?",
                "Quelle est la base de la stratégie interculturelle de la ville ?",
                [
                    (
                        "A vision paper from cross-departmental workshops",
                        "Un document de vision issu d'ateliers entre services",
                        True,
                        "Right.",
                        "Juste.",
                    ),
                    (
                        "A consultant's report alone",
                        "Le seul rapport d'un consultant",
                        False,
                        "No: the strategy is built with the city's own people.",
                        "Non : la stratégie se construit avec les acteurs de la ville.",
                    ),
                    (
                        "The previous mayor's speeches",
                        "Les discours du maire précédent",
                        False,
                        "No: a shared vision comes from the workshops.",
                        "Non : la vision partagée vient des ateliers.",
                    ),
                ],
            ),
            (
                "How does a city know whether its strategy works?",
                "Comment une ville sait-elle si sa stratégie fonctionne ?",
                [
                    (
                        "The next Index round measures progress",
                        "La campagne suivante de l'Indice mesure les progrès",
                        True,
                        "Right: with the action plan's indicators.",
                        "Juste : avec les indicateurs du plan d'action.",
                    ),
                    (
                        "It cannot know",
                        "Elle ne peut pas le savoir",
                        False,
                        "No: the Index and the indicators show it.",
                        "Non : l'Indice et les indicateurs le montrent.",
                    ),
                    (
                        "By counting press articles",
                        "En comptant les articles de presse",
                        False,
                        "No: coverage is not impact.",
                        "Non : la couverture n'est pas l'impact.",
                    ),
                ],
            ),
        ],
    },
]
