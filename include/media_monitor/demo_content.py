"""The story pool of the bundled demo web: events, per-outlet articles and front-page plans.

Everything here is plain data derived from fixed seeds, so the demo web serves byte-identical
pages on every machine and every run, and tests can compare an extractor's output with the
ground truth the generator placed. ``demo_web`` turns these plans into HTML.

The world is fictional (Norvik, Port Arlen, Kestrel Bay, Valmora...). The week of
2026-11-02 .. 2026-11-08 has three rising themes that a trend report should find:
drones (Russian: "беспилотник"), a port strike and an out-of-season heatwave.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

DEMO_DAYS: list[date] = [date(2026, 11, 2) + timedelta(days=i) for i in range(7)]
DEMO_OUTLETS: tuple[str, ...] = ("vestnik", "daily-ledger", "metro-wire", "rumour-mill")

# Must agree with include/outlets.yaml: shown times ("03.11 14:22") are read in these zones.
OUTLET_TZ: dict[str, ZoneInfo] = {
    "vestnik": ZoneInfo("Europe/Moscow"),
    "daily-ledger": ZoneInfo("Europe/London"),
    "metro-wire": ZoneInfo("America/New_York"),
    "rumour-mill": ZoneInfo("UTC"),
}

# A front page for a day is the page as it stood at 21:00 local time: every story of that
# day (published 06:00-19:59) is already out, so "published on its day" holds everywhere.
SNAPSHOT_HOUR = 21

# Keywords a trend report would count, per rising theme (case-insensitive substrings).
THEMES: dict[str, tuple[str, ...]] = {
    "drone": ("drone", "беспилотник"),
    "port strike": ("port strike", "забастовк"),
    "heatwave": ("heatwave", "жара"),
}

# Sections that take the "hard news" filler sentences; the rest get the lighter ones.
HARD_SECTIONS = frozenset({"politics", "business", "world", "defence", "science", "health"})


@dataclass(frozen=True)
class RuCopy:
    """Vestnik's Russian-language version of an event."""

    title: str
    lede: str
    detail: str
    terms: tuple[str, ...]  # stems that must occur in the body, e.g. "беспилотник"


@dataclass(frozen=True)
class Event:
    """One news event; each outlet covering it publishes its own article with its own title."""

    key: str
    day: int  # publication day, as an index into DEMO_DAYS (negative: the days before the week)
    section: str
    weight: float  # editorial importance 0..1: drives front-page rank
    terms: tuple[str, ...]  # key terms every English body mentions
    lede: str
    detail: str
    titles: Mapping[str, str]  # outlet -> English title (vestnik: a translated foreign piece)
    theme: str | None = None
    ru: RuCopy | None = None  # vestnik covers it in Russian
    topic: str | None = None  # noun for filler sentences ("the {topic} story"); default terms[0]

    @property
    def outlets(self) -> tuple[str, ...]:
        covered = set(self.titles) | ({"vestnik"} if self.ru else set())
        return tuple(o for o in DEMO_OUTLETS if o in covered)

    @property
    def pub_date(self) -> date:
        return DEMO_DAYS[0] + timedelta(days=self.day)


def _ev(
    key: str,
    day: int,
    section: str,
    weight: float,
    terms: tuple[str, ...] = (),
    lede: str = "",
    detail: str = "",
    *,
    # One capital letter per outlet (Ledger, Metro, Rumour, Vestnik) keeps the table readable.
    L: str | None = None,
    M: str | None = None,
    R: str | None = None,
    V: str | None = None,
    ru: RuCopy | None = None,
    theme: str | None = None,
    topic: str | None = None,
) -> Event:
    titles = {o: t for o, t in (("vestnik", V), ("daily-ledger", L), ("metro-wire", M), ("rumour-mill", R)) if t}
    return Event(key, day, section, weight, terms, lede, detail, titles, theme, ru, topic)


# The week's events. Day -2/-1 are the weekend before the week, so Monday's pages are full.
EVENTS: tuple[Event, ...] = (
    # --- Saturday 31 October / Sunday 1 November -------------------------------------------
    _ev("tank-output", -2, "defence", 0.6,
        ru=RuCopy("Заводы отчитались о росте выпуска бронетехники",
                  "Предприятия оборонной промышленности за девять месяцев увеличили выпуск бронетехники "
                  "почти на треть, сообщили в профильном министерстве.",
                  "Основной прирост дали новые сборочные линии, запущенные весной; планы на следующий год "
                  "предусматривают дальнейший рост.",
                  ("бронетехник",))),
    _ev("rail-fares", -2, "business", 0.5, ("rail", "fares"),
        "Rail fares will rise by an average of 4% in January, the transport ministry confirmed, the smallest "
        "increase in three years but still above the rate of inflation.",
        "Season tickets on the busiest commuter routes will cost about 120 crowns more a year, and passenger "
        "groups said the rail network had not earned higher fares.",
        L="Rail fares to rise by 4% in January",
        M="Commuters face 4 percent fare hike on regional rail"),
    _ev("mayor-dog", -2, "local", 0.4, ("mayor", "dog"),
        "The mayor's spaniel, Biscuit, wandered into the council meeting and refused to leave, to the delight "
        "of everyone except the finance committee.",
        "A clip of the dog sitting in the chair reserved for the deputy mayor has been shared thousands of times.",
        R="Mayor's dog steals the show at council meeting"),
    _ev("budget-vote", -1, "politics", 1.0, ("budget", "parliament"),
        "Parliament passed the national budget in the early hours of Sunday after a session that ran through "
        "the night, ending weeks of wrangling over spending cuts.",
        "The bill was approved by 212 votes to 188 and now goes to the upper house, where senators are expected "
        "to begin their debate on Monday.",
        L="Parliament passes budget after all-night session",
        M="Budget bill clears parliament in overnight vote",
        R="MPs pull an all-nighter to push the budget through",
        ru=RuCopy("Парламент утвердил бюджет после ночного заседания",
                  "Парламент в ночь на воскресенье утвердил государственный бюджет на следующий год после "
                  "заседания, которое продолжалось до утра.",
                  "За документ проголосовали 212 депутатов, против — 188; теперь бюджет рассмотрит верхняя палата.",
                  ("бюджет", "парламент"))),
    _ev("marathon", -1, "sport", 0.5, ("marathon", "record"),
        "Daniel Adeyemi won the Kestrel Bay marathon in 2 hours 5 minutes and 41 seconds on Sunday, taking "
        "almost a minute off the course record.",
        "More than 31,000 runners finished the race, which was held in unusually mild conditions for November.",
        L="Adeyemi smashes Kestrel Bay marathon record",
        M="Record falls at Kestrel Bay Marathon as Adeyemi wins in 2:05"),
    _ev("museum", -1, "culture", 0.5, ("museum", "restoration"),
        "The National Museum reopened its doors on Sunday after a five-year restoration that cost almost twice "
        "the original estimate.",
        "Queues stretched around the block before opening time, and the museum said it had issued 14,000 free "
        "tickets for the first weekend.",
        L="National Museum reopens after five-year restoration",
        R="Museum finally reopens, and yes, the dinosaur is back"),
    _ev("cinema-ghost", -1, "local", 0.35, ("cinema", "haunted"),
        "Readers have flooded our inbox with stories about the old Dock Street cinema after a night guard said "
        "he heard a projector running in the empty building, and some of them insist the place is haunted.",
        "The owners say the cinema, closed since 2011, has no power connected and the noise was most likely "
        "pigeons.",
        R="Is the old Dock Street cinema haunted? Readers weigh in"),
    _ev("week-review", -1, "defence", 0.5,
        ru=RuCopy("Что день грядущий нам готовит? Обзор военных новостей недели",
                  "В обзоре недели — главные события в оборонной сфере: от новых контрактов до учений на северных "
                  "рубежах.",
                  "Наши эксперты попытались ответить на вопрос, каких решений стоит ждать в ближайшие дни.",
                  ("обзор", "недел"))),
    _ev("training-jet", -1, "defence", 0.55, ("training jet", "combat"),
        "The decision to turn a two-seat training jet into a light combat aircraft surprised many observers, "
        "but the logic behind it is simple.",
        "Air forces need cheap aircraft for patrol missions, and a training jet that can carry weapons costs a "
        "fraction of a modern fighter.",
        V="Why is the training jet being turned into a combat aircraft? (Defense Review, USA)"),
    _ev("sanctions-levers", -1, "world", 0.6, ("sanctions",),
        "For decades sanctions were the favourite tool of Western capitals, but the latest round has shown how "
        "little leverage they still give.",
        "Trade has found new routes, and the countries under pressure have learned to live with sanctions that "
        "were meant to be temporary.",
        V="Without carrot and stick: why sanctions have lost their bite (Global Affairs Weekly, USA)"),
    # --- Monday 2 November -----------------------------------------------------------------
    _ev("budget-senate", 0, "politics", 0.8, ("budget", "senate"),
        "The senate began its debate on the budget on Monday, with several senators from the governing "
        "coalition threatening to vote against the spending cuts.",
        "The upper house cannot block the bill outright, but amendments would send it back to parliament and "
        "delay its entry into force.",
        L="Senate opens budget debate amid spending row",
        M="Senators take up budget as fight over cuts moves to upper house",
        R="Budget round two: senators dig in over cuts"),
    _ev("central-bank", 0, "business", 0.7, ("central bank", "interest rates"),
        "The central bank kept interest rates at 3.5% on Monday, saying inflation was cooling but not yet fast "
        "enough to justify a cut.",
        "Two of the nine members of the rate committee voted for a quarter-point reduction, the first split "
        "vote since the spring.",
        L="Central bank holds interest rates at 3.5%",
        M="Central bank keeps rates on hold as inflation cools",
        V="Central bank freezes the rate: what it means for defence contracts (Financial Monitor, UK)"),
    _ev("poll", 0, "politics", 0.6, ("poll", "opposition"),
        "A poll published on Monday put the opposition four points ahead of the governing party, the widest "
        "gap in more than two years.",
        "The survey of 2,100 adults was carried out over the weekend, as the budget vote dominated the news.",
        L="Poll shows governing party slipping behind opposition",
        R="New poll: the government is in trouble, and it knows it"),
    _ev("derby", 0, "sport", 0.6, ("derby", "Valmora"),
        "Valmora beat Harbour City 3-2 in a derby that was settled by a header in the last minute of stoppage "
        "time.",
        "Harbour City had come back from two goals down, and their manager said afterwards that the winner "
        "should have been ruled out for a foul.",
        L="Valmora edge derby thriller 3-2",
        M="Late winner settles derby as Valmora beat Harbour City",
        R="DERBY DRAMA: that last-minute goal, and the fans who missed it"),
    _ev("satellite", 0, "science", 0.6, ("satellite", "orbit"),
        "A communications satellite built entirely by domestic companies reached orbit on Monday after a launch "
        "from the northern spaceport.",
        "Engineers confirmed that the satellite had deployed its solar panels and would begin service in about "
        "six weeks.",
        L="Communications satellite reaches orbit on first try",
        M="Homegrown satellite launched successfully from northern spaceport",
        ru=RuCopy("Спутник связи успешно выведен на орбиту",
                  "В понедельник с северного космодрома запущен спутник связи, полностью созданный отечественными "
                  "предприятиями; аппарат штатно выведен на орбиту.",
                  "Специалисты подтвердили раскрытие солнечных батарей; к работе спутник приступит примерно "
                  "через шесть недель.",
                  ("спутник", "орбит"))),
    _ev("flu", 0, "health", 0.45, ("flu", "vaccine"),
        "Fewer than a third of people over 65 have had this year's flu vaccine, health officials said on "
        "Monday, well behind the pace of last winter.",
        "Pharmacies have plenty of doses, and officials said the slow start was probably down to the mild "
        "autumn.",
        L="Flu vaccine uptake lags as winter approaches",
        M="Doctors urge flu shots as clinics report slow start"),
    _ev("air-defence-drill", 0, "defence", 0.55,
        ru=RuCopy("ПВО провели учения на северных рубежах",
                  "Подразделения ПВО провели плановые учения на северных рубежах, отработав отражение ударов "
                  "воздушного противника на малых высотах.",
                  "В учениях участвовали более 800 военнослужащих и около 100 единиц техники.",
                  ("ПВО", "учени"))),
    _ev("pontoon", 0, "defence", 0.45,
        ru=RuCopy("Военные инженеры навели понтонный мост за 40 минут",
                  "Военные инженеры навели понтонный мост через реку шириной 300 метров всего за 40 минут, "
                  "сообщили в военном ведомстве.",
                  "Норматив для такой переправы составляет один час; по мосту сразу прошла колонна грузовиков.",
                  ("понтонн", "инженер"))),
    _ev("croissant", 0, "local", 0.4, ("croissant", "bakery"),
        "A bakery on Mill Lane has become an unlikely internet sensation after posting a video of a croissant "
        "the size of a car tyre.",
        "The owners say they will bake one every Saturday until the end of the year, and the first one sold "
        "out in eleven minutes.",
        R="Local bakery's 'giant croissant' goes viral"),
    # --- Tuesday 3 November ----------------------------------------------------------------
    _ev("drone-airport", 1, "world", 1.0, ("drone", "airport"),
        "Flights at Norvik airport were suspended for almost three hours on Tuesday after several drones were "
        "seen flying close to the runway.",
        "Police said they had not found the operators, and more than 40 flights were delayed or diverted to "
        "other airports.",
        L="Drone sightings halt flights at Norvik airport",
        M="Flights grounded for hours after drones spotted over Norvik airport",
        R="Drones over the airport AGAIN: what are they not telling us?",
        ru=RuCopy("Беспилотники над аэропортом Норвика: рейсы задержаны на три часа",
                  "Во вторник работа аэропорта Норвика была приостановлена почти на три часа после того, как у "
                  "взлётной полосы заметили несколько беспилотников.",
                  "Операторов дронов найти не удалось; более 40 рейсов задержаны или перенаправлены в другие "
                  "аэропорты.",
                  ("беспилотник", "аэропорт")),
        theme="drone"),
    _ev("port-vote", 1, "business", 0.8, ("port strike", "dockworkers"),
        "Dockworkers at Port Arlen voted by 87% to 13% on Tuesday for a port strike after talks over pay broke "
        "down.",
        "The union said the port strike would begin on Wednesday morning unless the operators returned with a "
        "better offer.",
        L="Dockworkers vote for port strike after pay talks collapse",
        M="Port strike looms as Port Arlen dockworkers reject pay offer",
        R="Port strike is coming. Here's what it means for your shopping",
        theme="port strike"),
    _ev("budget-protest", 1, "politics", 0.7, ("budget", "protest"),
        "Thousands of people marched through the capital on Tuesday in protest against the budget cuts approved "
        "by parliament at the weekend.",
        "Organisers put the crowd at 30,000; police said about 12,000 had taken part and that the protest was "
        "peaceful.",
        L="Thousands march against budget cuts",
        M="Budget protest draws thousands to City Hall plaza",
        R="Budget protest: our reader photos from the march"),
    _ev("layoffs", 1, "business", 0.55, ("Brightloop", "jobs"),
        "Brightloop, the country's largest software company, said on Tuesday it would cut 1,200 jobs, about one "
        "in eight of its workforce.",
        "The company blamed slowing demand from business customers and said most of the jobs would go in sales "
        "and support.",
        L="Software firm Brightloop to cut 1,200 jobs",
        M="Brightloop layoffs hit 1,200 as tech slowdown deepens"),
    _ev("tennis", 1, "sport", 0.45, ("Okafor", "final"),
        "Ada Okafor reached the final of the Valmora Open on Tuesday without dropping a set, beating the second "
        "seed 6-3 6-4.",
        "She will face the winner of Wednesday's semi-final between two qualifiers, the first time that has "
        "happened at the tournament.",
        L="Okafor reaches Valmora Open final without dropping a set", topic="tennis"),
    _ev("housing", 1, "local", 0.5, ("homes", "council"),
        "The city council voted on Tuesday to approve 900 affordable homes on the site of the former rail yard "
        "in Kestrel Bay.",
        "Construction is due to begin next summer, and a third of the homes will be reserved for key workers.",
        M="City council approves 900 affordable homes on former rail yard",
        R="900 'affordable' homes approved. Affordable for whom?", topic="housing"),
    _ev("frigate", 1, "defence", 0.55, ("frigate", "missiles"),
        "The navy's new frigate class will carry twice as many missiles as the ships it replaces, according to "
        "design documents seen by naval analysts.",
        "The first frigate is due to be laid down next year, with the lead ship entering service before the "
        "end of the decade.",
        V="The new frigate class will carry twice as many missiles (Naval Observer, UK)"),
    _ev("artillery", 1, "defence", 0.5,
        ru=RuCopy("Артиллеристы испытали новую систему управления огнём",
                  "Артиллеристы испытали на полигоне новую автоматизированную систему управления огнём, которая "
                  "сокращает время подготовки залпа вдвое.",
                  "По словам разработчиков, система уже рекомендована к серийному производству.",
                  ("артиллерист", "систем"))),
    # --- Wednesday 4 November --------------------------------------------------------------
    _ev("drone-order", 2, "defence", 0.85, ("drone", "interceptor"),
        "The army has ordered 5,000 interceptor drones designed to bring down other drones, the defence "
        "ministry said on Wednesday.",
        "The first batch of interceptor drones will be delivered in the spring, and some will be used to "
        "protect airports.",
        L="Army orders 5,000 interceptor drones",
        M="Army signs deal for 5,000 interceptor drones after airport scare",
        ru=RuCopy("Армия закажет 5000 беспилотников-перехватчиков",
                  "Армия закажет 5000 беспилотников-перехватчиков, предназначенных для борьбы с другими дронами, "
                  "сообщило в среду военное ведомство.",
                  "Первая партия перехватчиков поступит весной; часть из них будет использоваться для защиты "
                  "аэропортов.",
                  ("беспилотник", "перехватчик")),
        theme="drone"),
    _ev("port-begins", 2, "business", 0.9, ("port strike", "Port Arlen"),
        "The port strike at Port Arlen began at six o'clock on Wednesday morning, and by noon 23 ships were "
        "waiting at anchor outside the harbour.",
        "The port handles about 40% of the country's container traffic, and the operators said every day of "
        "the strike would cost tens of millions.",
        L="Port strike begins as ships queue outside Port Arlen",
        M="Port Arlen shut down as port strike starts",
        R="Day one of the port strike: empty cranes, full anchorage",
        V="Port strike paralyses the main harbour: who benefits? (Der Tagesbote, Germany)",
        theme="port strike"),
    _ev("budget-law", 2, "politics", 0.65, ("budget", "senate"),
        "The senate approved the budget without amendments on Wednesday, and it will become law once it is "
        "published in the official gazette.",
        "The vote was closer than expected, with 51 senators in favour and 47 against.",
        L="Budget becomes law after senate passes it unchanged",
        M="Senate approves budget, ending months-long standoff"),
    _ev("fusion", 2, "science", 0.55, ("fusion", "reactor"),
        "An experimental fusion reactor kept its plasma stable for 22 minutes on Wednesday, a record for a "
        "device of its type.",
        "Researchers cautioned that commercial fusion power was still decades away, but said the result showed "
        "their magnets could cope with long runs.",
        L="Fusion reactor runs for a record 22 minutes",
        M="Scientists hail fusion milestone: 22 minutes of stable plasma",
        R="Fusion power: is it finally happening? (No, but this is cool)"),
    _ev("cup-upset", 2, "sport", 0.55, ("cup", "Millbrook"),
        "Millbrook, a fourth-tier club, knocked the holders out of the cup on Wednesday night with a 1-0 win in "
        "front of 4,000 fans.",
        "The winning goal was scored by a 19-year-old who works part time at a garden centre.",
        L="Fourth-tier Millbrook stun holders in cup",
        M="Cup shock: amateurs of Millbrook knock out holders",
        R="Millbrook did WHAT? Cup fairytale continues"),
    _ev("celeb-wedding", 2, "local", 0.45, ("Jax Moreno", "married"),
        "Pop star Jax Moreno secretly married her long-time partner at a registry office last month, two "
        "friends of the couple told us.",
        "Her management has not confirmed the story, but fans noticed a new ring in a video posted on Tuesday "
        "night.",
        R="Pop star Jax Moreno secretly married, friends say", topic="wedding"),
    _ev("corvette", 2, "defence", 0.5,
        ru=RuCopy("Новый корвет вышел на ходовые испытания",
                  "Головной корвет новой серии вышел в море на заводские ходовые испытания, сообщили на "
                  "судостроительном заводе.",
                  "В ходе испытаний проверят силовую установку, навигационное и радиотехническое оборудование "
                  "корабля.",
                  ("корвет", "испытани"))),
    # --- Thursday 5 November ---------------------------------------------------------------
    _ev("drone-swarm", 3, "defence", 0.8, ("drone", "swarm"),
        "The navy tested a swarm of 60 drones against a target ship during an exercise in the Grey Sea on "
        "Thursday.",
        "Officers said the drones were controlled by a single operator and shared targeting data with each "
        "other in flight.",
        L="Navy tests drone swarms in Grey Sea exercise",
        M="Navy sends drone swarm against target ship in first live test",
        ru=RuCopy("Флот испытал рой беспилотников на учениях в Сером море",
                  "В четверг флот испытал рой из 60 беспилотников против корабля-мишени в ходе учений в Сером "
                  "море.",
                  "По словам офицеров, роем управлял один оператор, а дроны обменивались данными о цели прямо в "
                  "полёте.",
                  ("беспилотник", "рой")),
        theme="drone"),
    _ev("drone-delivery", 3, "business", 0.6, ("drone", "delivery"),
        "Delivery drones will be allowed to fly over the centre of Kestrel Bay from January under a six-month "
        "trial approved on Thursday.",
        "The drones will carry parcels of up to 2 kilograms and must stay below 120 metres and away from "
        "schools.",
        L="Delivery drones cleared for city-centre trials",
        M="Kestrel Bay approves delivery drone trials downtown",
        R="Your pizza might soon arrive by drone (seriously)",
        theme="drone"),
    _ev("port-shortages", 3, "business", 0.85, ("port strike", "shortages"),
        "Supermarkets warned on Thursday of shortages of fresh fruit and frozen food if the port strike lasts "
        "into next week.",
        "The retailers' association said stores had about ten days of stock for most imported goods, but "
        "shortages of some items were already visible.",
        L="Supermarkets warn of shortages as port strike bites",
        M="Empty shelves feared as port strike enters second day",
        R="Stock up now? Port strike hits the supermarkets",
        V="Port strike exposes the fragility of supply chains (Financial Monitor, UK)",
        theme="port strike"),
    _ev("heatwave-warning", 3, "world", 0.75, ("heatwave", "south"),
        "Forecasters issued a heatwave warning for the southern provinces on Thursday, with temperatures "
        "expected to reach 41C by the weekend.",
        "It is the earliest heatwave warning since records began, and officials urged people to check on "
        "elderly neighbours.",
        L="Heatwave warning issued for southern provinces",
        M="Early heatwave: 41C forecast for the south this weekend",
        R="It's November and there's a heatwave. Make it make sense",
        theme="heatwave"),
    _ev("debate", 3, "politics", 0.6, ("debate", "by-election"),
        "The leaders of the two largest parties clashed over the budget cuts in the first televised debate of "
        "the by-election campaign on Thursday.",
        "Snap polls after the debate gave neither side a clear win.",
        L="Leaders clash over cuts in first televised debate",
        M="Fiery TV debate puts budget cuts at center of by-election race",
        R="Debate night: who won? Our readers have opinions"),
    _ev("asia-pact", 3, "world", 0.55, ("security pact", "Asian"),
        "Diplomats from five Asian powers met this week to discuss a new security pact, the first such talks "
        "in more than a decade.",
        "The security pact would include regular joint exercises and a hotline between defence ministries.",
        V="Asian powers discuss a new security pact: what is behind the chess game (Eastern Herald, Singapore)"),
    _ev("rugby", 3, "sport", 0.4, ("rugby", "Harbour City"),
        "Harbour City stayed top of the rugby league table with a 24-17 win on Thursday night.",
        "Two players were sent to hospital for checks, and the coach said the schedule of three games in eight "
        "days was too much.",
        L="Rugby: Harbour City stay top after bruising win"),
    # --- Friday 6 November -----------------------------------------------------------------
    _ev("drone-plant", 4, "world", 0.9, ("drone", "power plant"),
        "Unidentified drones were seen circling a power plant near the northern border on Thursday night, the "
        "interior ministry said on Friday.",
        "Security at the power plant was increased, and the ministry said the drones had not entered "
        "restricted airspace.",
        L="Unidentified drones spotted over border power plant",
        M="Mystery drones circle power plant near northern border",
        R="Who is flying drones over the power plant? Theories inside",
        ru=RuCopy("Неизвестные беспилотники замечены над электростанцией у границы",
                  "Неизвестные беспилотники в ночь на пятницу кружили над электростанцией у северной границы, "
                  "сообщило МВД.",
                  "Охрана станции усилена; по данным ведомства, дроны не нарушали запретную для полётов зону.",
                  ("беспилотник", "электростанци")),
        theme="drone"),
    _ev("drone-law", 4, "politics", 0.7, ("drone", "law"),
        "The government published a draft counter-drone law on Friday that would allow police to jam or seize "
        "drones flying near airports, power plants and prisons.",
        "Operators of drones heavier than 250 grams would also have to register and carry an electronic ID "
        "under the new law.",
        L="Ministers draft counter-drone law with jamming powers for police",
        M="New bill would let police jam rogue drones",
        V="Counter-drone law: Europe's answer to the new threat? (Der Tagesbote, Germany)",
        theme="drone"),
    _ev("port-talks", 4, "business", 0.8, ("port strike", "talks"),
        "Talks to end the port strike resumed on Friday as the number of ships waiting outside Port Arlen "
        "reached 60.",
        "A mediator appointed by the labour ministry said both sides had agreed not to speak to the press until "
        "the talks finished.",
        L="Port strike talks resume as backlog reaches 60 ships",
        M="Union, operators return to table as port strike backlog grows",
        R="Port strike: talks are back on. Don't get excited yet",
        theme="port strike"),
    _ev("car-plants", 4, "business", 0.65, ("port strike", "car plants"),
        "Two car plants stopped production on Friday because parts stuck in containers at the port had not "
        "arrived, a direct effect of the port strike.",
        "About 6,000 workers at the car plants were sent home on reduced pay, and the carmakers said they could "
        "not say when the lines would restart.",
        L="Car plants halt production as port strike starves lines of parts",
        M="Port strike idles two car plants, 6,000 workers sent home",
        theme="port strike"),
    _ev("heatwave-fires", 4, "world", 0.8, ("heatwave", "wildfires"),
        "Wildfires broke out in three southern provinces on Friday as the heatwave pushed temperatures above "
        "40C.",
        "Firefighters evacuated two villages, and officials banned open fires and barbecues until further "
        "notice.",
        L="Heatwave fuels wildfires across the south",
        M="Wildfires spread as heatwave tightens grip on southern provinces",
        R="Fire season in November? The heatwave says yes",
        ru=RuCopy("Аномальная жара: на юге страны горят леса",
                  "Аномальная жара вызвала лесные пожары в трёх южных провинциях; в пятницу температура поднялась "
                  "выше 40 градусов.",
                  "Пожарные эвакуировали жителей двух сёл; власти запретили разводить костры до особого "
                  "распоряжения.",
                  ("жара", "пожар")),
        theme="heatwave"),
    _ev("jobs-report", 4, "business", 0.55, ("jobs", "October"),
        "The economy added 140,000 jobs in October, more than economists had expected, official figures showed "
        "on Friday.",
        "The unemployment rate fell to 4.1%, its lowest level in two years, although wage growth slowed.",
        L="Economy added 140,000 jobs in October",
        M="Hiring beats forecasts with 140,000 new jobs in October", topic="jobs"),
    _ev("three-shifts", 4, "defence", 0.5,
        ru=RuCopy("Оборонные заводы перешли на трёхсменный режим",
                  "Ряд оборонных заводов перешёл на работу в три смены, чтобы выполнить увеличенный "
                  "государственный заказ.",
                  "На предприятиях объявлен набор сотрудников; в первую очередь требуются сварщики и операторы "
                  "станков.",
                  ("завод", "смен"))),
    _ev("reality-star", 4, "local", 0.4, ("reality star", "Kestrel Bay"),
        "A reality star from last summer's hit dating show was spotted viewing three houses in Kestrel Bay on "
        "Friday, our readers tell us.",
        "An estate agent would only say that the client was 'very famous and very particular about kitchens'.",
        R="Reality star spotted house-hunting in Kestrel Bay", topic="celebrity"),
    # --- Saturday 7 November ---------------------------------------------------------------
    _ev("drone-factory", 5, "business", 0.75, ("drone", "factory"),
        "A drone maker will build a factory in Norvik employing 2,000 people, the company and the regional "
        "government announced on Saturday.",
        "The factory will produce both civilian and military drones and should open in 2028.",
        L="New drone factory to create 2,000 jobs",
        M="Drone maker picks Norvik for 2,000-job factory",
        ru=RuCopy("В Норвике откроют завод беспилотников на 2000 рабочих мест",
                  "Производитель беспилотников построит в Норвике завод, на котором будут работать 2000 человек, "
                  "объявили в субботу компания и региональные власти.",
                  "Завод будет выпускать как гражданские, так и военные дроны; открытие намечено на 2028 год.",
                  ("беспилотник", "завод")),
        theme="drone"),
    _ev("drone-farms", 5, "business", 0.6, ("drone", "farmers"),
        "Farmers are turning to drones to spray crops and count livestock because they cannot find enough "
        "workers, a survey published on Saturday found.",
        "One in five farms with more than 100 hectares now uses at least one drone, up from one in twenty "
        "three years ago.",
        L="Farmers turn to drones as labour shortage bites",
        M="On the farm, drones take over jobs nobody wants",
        R="Drones on the farm: our readers share their videos",
        theme="drone"),
    _ev("drone-stadium", 5, "sport", 0.8, ("drone", "stadium"),
        "A cup tie between Valmora and Millbrook was suspended for 40 minutes on Saturday after a drone hovered "
        "over the stadium.",
        "Players were taken off the pitch, and police later arrested a 34-year-old man in a car park near the "
        "stadium.",
        L="Drone over stadium halts cup tie for 40 minutes",
        M="Match suspended as drone hovers over stadium",
        R="That drone at the match: we found the guy (sort of)",
        V="Drone over a football stadium: a rehearsal for something worse? (Global Affairs Weekly, USA)",
        theme="drone"),
    _ev("port-deal-rejected", 5, "business", 0.85, ("port strike", "deal"),
        "Dockworkers rejected a deal offering a 6% pay rise on Saturday, meaning the port strike will continue "
        "into a second week.",
        "The union said the deal did nothing about night shifts, which it called the main cause of the "
        "dispute.",
        L="Dockworkers reject deal, port strike to continue",
        M="Port strike drags on after union rejects 6 percent offer",
        R="No deal: the port strike goes on",
        ru=RuCopy("Докеры отвергли сделку: забастовка в порту продолжается",
                  "В субботу докеры отвергли сделку с повышением зарплаты на 6%, и забастовка в порту Порт-Арлен "
                  "продолжится вторую неделю.",
                  "Профсоюз заявил, что предложение не решает проблему ночных смен — главную причину конфликта.",
                  ("забастовк", "порт")),
        theme="port strike"),
    _ev("port-exports", 5, "business", 0.6, ("port strike", "exporters"),
        "Exporters are losing about 80 million crowns a day because of the port strike, their trade "
        "association said on Saturday.",
        "Small exporters selling food abroad have been hit hardest, because their goods cannot wait in "
        "containers for long.",
        L="Exporters count the cost of the port strike",
        M="Port strike costs exporters millions a day, trade group says",
        theme="port strike"),
    _ev("heatwave-records", 5, "world", 0.8, ("heatwave", "records"),
        "Thirty towns set new November temperature records on Saturday as the heatwave reached its peak, the "
        "weather service said.",
        "The highest reading, 43.2C, was taken at an airfield in the far south, beating the old November "
        "records by more than three degrees.",
        L="Heatwave breaks November records in 30 towns",
        M="Thirty towns set November heat records as heatwave peaks",
        R="Record heat: is your town on the list?",
        theme="heatwave"),
    _ev("heatwave-power", 5, "business", 0.7, ("heatwave", "power"),
        "Rolling power cuts were ordered in two southern provinces on Saturday as air conditioning during the "
        "heatwave pushed demand to a record.",
        "The grid operator said each power cut would last no longer than two hours and asked businesses to "
        "reduce use in the afternoon.",
        L="Power cuts as heatwave strains the grid",
        M="Heatwave pushes power grid to the brink; rolling blackouts ordered",
        ru=RuCopy("Жара и перебои: энергосистема юга работает на пределе",
                  "В двух южных провинциях в субботу ввели веерные отключения электроэнергии: жара и кондиционеры "
                  "подняли потребление до рекорда.",
                  "Оператор энергосистемы заявил, что каждое отключение продлится не более двух часов.",
                  ("жара", "энергосистем")),
        theme="heatwave"),
    _ev("air-defence-drones", 5, "defence", 0.6,
        ru=RuCopy("Учения ПВО: отражён массированный налёт беспилотников",
                  "На учениях ПВО расчёты отразили условный массированный налёт беспилотников, сбив более 90% "
                  "целей.",
                  "Особое внимание уделялось малоразмерным целям, летящим на предельно малой высоте.",
                  ("беспилотник", "ПВО")),
        theme="drone"),
    # --- Sunday 8 November -----------------------------------------------------------------
    _ev("drone-summit", 6, "world", 0.9, ("drone", "defence"),
        "Defence ministers from six neighbouring countries agreed on Sunday to share radar data and jointly buy "
        "equipment to counter drones.",
        "The drone defence plan will be reviewed every six months, and a joint centre will open in Norvik next "
        "year.",
        L="Ministers agree joint drone defence plan",
        M="Regional ministers sign pact on drone defense",
        R="Drone defence plan: what's in it and what isn't",
        ru=RuCopy("Министры договорились о совместной защите от беспилотников",
                  "Министры обороны шести соседних стран договорились в воскресенье обмениваться "
                  "радиолокационными данными и совместно закупать средства борьбы с беспилотниками.",
                  "Совместный центр противодействия дронам откроется в Норвике в следующем году.",
                  ("беспилотник", "министр")),
        theme="drone"),
    _ev("drone-jammers", 6, "world", 0.75, ("drone", "jammers"),
        "All major airports will be equipped with drone jammers by the spring, the transport minister said on "
        "Sunday.",
        "The jammers can force a drone to land or return to its operator, and will be tested first at Norvik.",
        L="Airports to get drone jammers by spring",
        M="Every major airport will get drone jammers by April, minister says",
        ru=RuCopy("Аэропорты до весны получат глушилки для беспилотников",
                  "Все крупные аэропорты до весны оснастят глушилками для беспилотников, заявил в воскресенье "
                  "министр транспорта.",
                  "Такие системы заставляют дрон приземлиться или вернуться к оператору; первыми их испытают в "
                  "Норвике.",
                  ("беспилотник", "аэропорт")),
        theme="drone"),
    _ev("drone-racing", 6, "sport", 0.5, ("drone", "racing"),
        "The national drone racing league sold out a 9,000-seat arena for its season finale on Sunday.",
        "Pilots steered drones through a neon-lit course at up to 150 kilometres an hour.",
        L="Drone racing league sells out arena",
        R="Drone racing is the new football? 9,000 fans say maybe",
        theme="drone"),
    _ev("drone-ai", 6, "defence", 0.6,
        ru=RuCopy("Беспилотники нового поколения получат искусственный интеллект",
                  "Беспилотники нового поколения получат бортовой искусственный интеллект, который позволит им "
                  "находить цели без участия оператора, сообщили разработчики.",
                  "Испытания опытных образцов начнутся в следующем году.",
                  ("беспилотник", "искусственный интеллект")),
        theme="drone"),
    _ev("port-week", 6, "business", 0.85, ("port strike", "government"),
        "The government appointed a special envoy on Sunday to end the port strike, which has entered its "
        "second week.",
        "The envoy will meet the union and the port operators on Monday, and the government said it was ready "
        "to pay for part of a settlement.",
        L="Port strike enters second week as government steps in",
        M="Government names envoy as port strike hits second week",
        R="Government finally does something about the port strike",
        V="The port strike is a test the government cannot afford to fail (Der Tagesbote, Germany)",
        theme="port strike"),
    _ev("port-fuel", 6, "business", 0.7, ("port strike", "fuel"),
        "Fuel deliveries to filling stations were rationed on Sunday because tankers could not unload during "
        "the port strike.",
        "Drivers were limited to 30 litres each at some stations, and the energy ministry said it would release "
        "fuel from strategic reserves.",
        L="Fuel deliveries rationed as port strike drags on",
        M="Gas stations limit sales as port strike squeezes fuel supply",
        theme="port strike"),
    _ev("heatwave-hospitals", 6, "health", 0.8, ("heatwave", "hospitals"),
        "Hospitals in the south treated more than 600 people for heat exhaustion on Sunday, the hottest day of "
        "the heatwave so far.",
        "Health officials opened cooling centres in libraries and sports halls as hospitals asked people to "
        "avoid going out in the afternoon.",
        L="Hospitals treat hundreds as heatwave peaks",
        M="ER visits soar as heatwave hits its hottest day",
        R="Heatwave: hospitals are full, please look after each other",
        theme="heatwave"),
    _ev("heatwave-schools", 6, "health", 0.65, ("heatwave", "schools"),
        "Schools in the three southern provinces will close on Monday as the heatwave is forecast to bring "
        "temperatures of up to 44C.",
        "Exams planned for the week will be moved, and the education ministry said schools would reopen once "
        "temperatures fell below 35C.",
        L="Schools to close as heatwave hits 44C",
        M="Southern schools shut Monday as temperatures near 44C in heatwave",
        theme="heatwave"),
    _ev("by-election", 6, "politics", 0.7, ("by-election", "opposition"),
        "The opposition won Sunday's by-election in a seat the governing party had held for 20 years, in what "
        "its leader called a verdict on the budget cuts.",
        "Turnout was 48%, high for a by-election, and the opposition's winning margin was just over 3,000 "
        "votes.",
        L="Opposition wins by-election in budget backlash",
        M="By-election upset: opposition takes seat held for 20 years",
        R="By-election: the results are in, and wow"),
    _ev("league-title", 6, "sport", 0.6, ("Valmora", "title"),
        "Valmora won the league title on Sunday with two games to spare after a 2-0 win away from home.",
        "It is the club's first title since 2009, and thousands of fans gathered in the city centre to "
        "celebrate.",
        L="Valmora clinch league title with two games to spare",
        M="Valmora wrap up championship, fans flood city center", topic="title race"),
)

# --- Filler text: sentences are drawn per article from a generator seeded by its URL. -------

_EN_COMMON = (
    "The {topic} story has dominated conversation in {place} all day.",
    "Several people who spoke to reporters said they had first heard the news from friends rather than from "
    "official channels.",
    "Social media was quickly filled with photographs, jokes and arguments about what should happen next.",
    "It was not immediately clear how long the effects of the {topic} news would last.",
    "Newspapers in {place} devoted their front pages to the story on {weekday}.",
    "Local businesses said they were watching closely and would adapt if they had to.",
    "Photographs of the moment were shared tens of thousands of times within an hour.",
)
_EN_HARD = (
    "Officials said the situation would be reviewed again before the end of the week.",
    "A spokesperson for {org} declined to go into detail but confirmed that discussions were continuing.",
    "The last comparable episode, in 2019, took almost a month to settle.",
    "Further announcements are expected on {next_weekday}.",
    "Critics said the {topic} episode showed how poorly prepared the authorities had been.",
    "Supporters of the decision said it was overdue and would pay off within a year.",
    "The figures have not been independently verified.",
    "Not everyone was convinced, and a petition calling for a rethink had gathered {num} signatures by the "
    "evening.",
    "Analysts at {org} said the pressure had been building for months.",
    "Markets reacted cautiously, with traders saying they wanted more detail before taking a view.",
    "The ministry said a full assessment of the {topic} situation would be published within 30 days.",
    "Opposition politicians accused the government of moving too slowly and of ignoring earlier warnings.",
    "Diplomats from neighbouring countries said they were following events closely.",
    "An internal report seen by this outlet warned of similar problems as early as last spring.",
    "The cost has been estimated at {num} million crowns, though officials said the final bill could be lower.",
    "Insurers said it was too early to estimate their exposure.",
    "Questions about the {topic} issue are likely to come up in parliament next week.",
    "Economists said the impact on growth would probably be small but noticeable in the fourth quarter.",
)
_EN_SOFT = (
    "Tickets for the next event sold out within hours of going on sale.",
    "Fans gathered outside long before the start, many of them in fancy dress.",
    "Neighbours said the street had not been this busy since the summer festival.",
    "Organisers thanked volunteers and promised to do it all again next year.",
    "Bookmakers cut their odds almost immediately.",
    "Commentators on local radio talked about little else for the rest of the day.",
    "The {topic} story was still the most discussed topic on local forums late in the evening.",
    "Some long-time residents said it reminded them of the famous winter of 1998.",
    "A video filmed by a passer-by has been viewed more than {num},000 times.",
    "By the evening, souvenir T-shirts were already on sale near the harbour.",
    "Not everyone was impressed: several readers wrote in to say the fuss was overdone.",
    "Local cafes reported their busiest afternoon in months.",
)
_EN_QUOTES_HARD = (
    "We are following the {topic} situation hour by hour and we will act if we need to",
    "Nobody should pretend this is simple",
    "People want answers, and they want them this week",
    "This is the moment to stay calm and look at the facts",
    "We warned about exactly this a year ago, and nobody listened",
    "The numbers speak for themselves",
    "We will not be rushed into a bad decision",
    "We need a plan, not another round of promises",
)
_EN_QUOTES_SOFT = (
    "I have never seen anything like it in thirty years",
    "Everyone I know is talking about it",
    "Honestly, I am still shaking",
    "It is a good day, but there is still a lot of work to do",
    "We will remember this one for a long time",
    "Frankly, it should have happened much sooner",
)
_EN_SPEAKERS_HARD = (
    ("Helena Marsh", "a spokesperson for the interior ministry"),
    ("Samuel Achterberg", "a researcher at the Institute for Public Policy"),
    ("Rosa Delgado", "who chairs the regional assembly"),
    ("Peter Lindqvist", "an independent analyst"),
    ("Amira Haddad", "a local councillor"),
    ("Jonas Weller", "a senior economist at Northgate Bank"),
    ("Fiona Caird", "a professor of politics at Kestrel Bay University"),
    ("Marcus Oyelaran", "a union representative"),
    ("Tom Whitaker", "a former minister"),
)
_EN_SPEAKERS_SOFT = (
    ("Lucy Fenwick", "who was in the crowd"),
    ("Ravi Chandra", "a long-time fan"),
    ("Megan Doyle", "who lives nearby"),
    ("Chris Albright", "a local shop owner"),
    ("Jo Tanaka", "a presenter on local radio"),
    ("Amira Haddad", "a local councillor"),
)
_EN_PLACES = ("the capital", "Norvik", "Port Arlen", "Kestrel Bay", "the southern provinces", "Harbour City")
_EN_ORGS = ("the Institute for Public Policy", "Northgate Bank", "the Chamber of Commerce",
            "the National Statistics Office", "the Centre for Security Studies")

_RU_COMMON = (
    "Об этом сообщила пресс-служба ведомства.",
    "Эксперты считают, что ситуация будет развиваться в ближайшие дни.",
    "Как отмечают наблюдатели, подобные решения обычно готовятся заранее.",
    "Ранее об аналогичных планах сообщали отраслевые источники.",
    "В ведомстве подчеркнули, что все работы идут по графику.",
    "По данным источников, окончательное решение будет принято до конца месяца.",
    "Новость активно обсуждается читателями на форуме издания.",
    "Подробности пока не раскрываются.",
    "Аналитики обращают внимание, что это уже не первый подобный случай за последний год.",
    "Официальные лица пообещали предоставить дополнительную информацию на следующей неделе.",
    "В профильном комитете парламента заявили, что рассмотрят вопрос на ближайшем заседании.",
    "Как пишут региональные СМИ, многие жители узнали о случившемся из социальных сетей.",
    "Расходы на эти цели оцениваются в {num} млн рублей.",
    "По словам собеседников издания, решение далось непросто.",
    "Зарубежные наблюдатели пока воздерживаются от комментариев.",
    "Напомним, в прошлом году аналогичная ситуация разрешилась лишь через месяц.",
    "Специалисты не исключают, что последствия будут ощущаться ещё долго.",
    "Представители промышленности заявили о готовности оперативно нарастить производство.",
)
_RU_QUOTES = (
    "Мы внимательно следим за ситуацией и готовы действовать",
    "Никто не говорит, что это будет просто",
    "Цифры говорят сами за себя",
    "Решение назрело давно, и хорошо, что его наконец приняли",
    "Мы предупреждали об этом ещё год назад",
    "Работы много, но мы успеем в срок",
    "Торопиться с выводами не стоит",
    "Это серьёзный шаг, и его значение ещё предстоит оценить",
)
_RU_SPEAKERS = (  # name, role, feminine (the verb agrees: заявил / заявила)
    ("Алексей Горин", "военный эксперт", False),
    ("Марина Соколова", "представитель министерства", True),
    ("Виктор Лапин", "главный редактор отраслевого журнала", False),
    ("Елена Шубина", "депутат парламента", True),
    ("Николай Ермаков", "директор Центра анализа стратегий", False),
    ("Юрий Панов", "полковник в отставке", False),
)

_AUTHORS: dict[str, tuple[str, ...]] = {
    "vestnik-ru": ("Андрей Кольцов", "Ирина Лебедева", "Сергей Мартынов", "Ольга Ветрова", "Павел Дорохов"),
    "vestnik-en": ("Mark Ellison", "Daniel Price", "Hugo Brandt", "Lin Wei-Ming"),
    "daily-ledger": ("Jane Smith", "Tom Ortiz", "Priya Natarajan", "Owen Hughes", "Grace Mensah",
                     "Callum Reid", "Hannah Becker", "Sam Whitfield"),
    "metro-wire": ("Luis Romero", "Amanda Chu", "Derek Walsh", "Keisha Brown", "Nora Feld", "Ben Okoro"),
    "rumour-mill": ("marta_k", "dave_on_the_beat", "insider99", "quietfox", "bigal"),
}
_PHOTOGRAPHERS: dict[str, tuple[str, ...]] = {
    "vestnik": ("Павел Серов/РИА Новости", "Анна Крылова/РИА Новости", "Игорь Зуев/Фотохроника Вестника",
                "Пресс-служба Минобороны"),
    "daily-ledger": ("Mark Dunn/Ledger Pictures", "Ruth Ellery/Northlight Images", "Ayo Bankole/Ledger Pictures"),
    "metro-wire": ("Rita Lindqvist for Metro Wire", "Carlos Vega/Metro Wire", "Jen Park for Metro Wire"),
}

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Per outlet: how a story's section shows up in its URL.
LEDGER_SECTIONS = {"world": "world", "defence": "world", "politics": "politics", "local": "politics",
                   "business": "business", "science": "science", "health": "science", "sport": "sport",
                   "culture": "culture"}
METRO_SECTIONS = {"world": "world", "defence": "world", "politics": "politics", "local": "local",
                  "business": "business", "science": "science", "health": "health", "sport": "sports",
                  "culture": "arts"}


@dataclass(frozen=True)
class StoryArticle:
    """One outlet's article about one event: everything its page shows."""

    outlet: str
    event: Event
    path: str  # stable URL path, the same whichever day it is fetched
    title: str
    language: str
    authors: tuple[str, ...]
    published_at: datetime  # aware, in the outlet's timezone
    paragraphs: tuple[str, ...]
    description: str
    views: int | None
    comments: int | None
    rating: int | None
    image_credit: str | None
    image: str  # image path (served by the demo web as SVG)
    section: str  # the outlet's own section slug
    lifetime: int  # days on the front page (1-3)
    popularity: float  # 0..1: drives most-read, trending and popular lists

    @property
    def day(self) -> date:
        return self.published_at.date()

    @property
    def terms(self) -> tuple[str, ...]:
        if self.language == "ru" and self.event.ru is not None:
            return self.event.ru.terms
        return self.event.terms


@dataclass(frozen=True)
class PlannedHeadline:
    article: StoryArticle
    rank: int
    block: str | None = None  # heading of the section the link sits in
    is_lead: bool = False
    has_image: bool = False


@dataclass(frozen=True)
class PlannedEntry:
    """One sidebar entry; ``url`` is the clean absolute path, ``href`` what the HTML writes."""

    rank: int
    title: str
    url: str
    href: str
    time_text: str | None = None
    count: int | None = None
    count_text: str | None = None
    shown_at: datetime | None = None


@dataclass(frozen=True)
class PlannedBlock:
    name: str
    kind: str  # "ranked" or "list", as in media_monitor.models.SidebarBlock
    entries: tuple[PlannedEntry, ...]


@dataclass(frozen=True)
class FrontPagePlan:
    outlet: str
    day: date
    snapshot: datetime
    headlines: tuple[PlannedHeadline, ...]
    blocks: tuple[PlannedBlock, ...] = field(default=())


@dataclass(frozen=True)
class ForumThread:
    """A vestnik forum thread: Discussion entries that are not articles."""

    thread_id: int
    title: str
    base_count: int  # comments on 2026-11-03; grows by ``per_day``
    per_day: int
    opened: date

    @property
    def path(self) -> str:
        return f"/vestnik/forum/{self.thread_id}/"


FORUM_THREADS: tuple[ForumThread, ...] = (
    # The long-running thread: its 10856 comments on 3 November echo the seed page.
    ForumThread(101, "Без кнута и пряника: обсуждаем главные новости", 10856, 31, date(2025, 2, 14)),
    ForumThread(102, "Ответ по поводу ракет и ракетных технологий", 1, 1, date(2026, 10, 20)),
    ForumThread(103, "Танки против дронов: кто кого?", 4, 2, date(2026, 10, 25)),
    ForumThread(104, "Вопрос знатокам: зачем учебному самолёту пушка?", 2, 1, date(2026, 10, 28)),
)

# Mentions ("The news mentions") on vestnik article pages: stable tag ids.
VESTNIK_TAGS: dict[str, tuple[int, str]] = {
    "defence": (11, "Армия"), "world": (12, "В мире"), "politics": (13, "Политика"),
    "business": (14, "Экономика"), "science": (15, "Наука и техника"), "health": (16, "Общество"),
    "sport": (17, "Спорт"), "culture": (18, "Культура"), "local": (16, "Общество"),
    "drone": (21, "Беспилотники"), "port strike": (22, "Забастовки"), "heatwave": (23, "Погода"),
}


def slugify(text: str, max_words: int = 9) -> str:
    """ASCII URL slug: 'Mayor's dog steals...' -> 'mayors-dog-steals...'."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    words = re.findall(r"[a-z0-9]+", text)
    return "-".join(words[:max_words]) or "story"


def _rng(*parts: object) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed, so it is stable across runs and
    # independent of PYTHONHASHSEED.
    return random.Random(":".join(str(p) for p in parts))


def _fill(template: str, rng: random.Random, topic: str, pub: date) -> str:
    weekday = pub.weekday()
    return template.format(
        topic=topic,
        place=rng.choice(_EN_PLACES),
        org=rng.choice(_EN_ORGS),
        weekday=_WEEKDAYS[weekday],
        next_weekday=_WEEKDAYS[(weekday + 2) % 7],
        num=f"{rng.randint(3, 95) * 1000:,}" if "signatures" in template else rng.randint(12, 480),
    )


def _en_quote(rng: random.Random, topic: str, used: set[str], hard: bool) -> str:
    quotes = _EN_QUOTES_HARD if hard else _EN_QUOTES_SOFT
    speakers = _EN_SPEAKERS_HARD if hard else _EN_SPEAKERS_SOFT
    # Neither a quote nor a speaker appears twice in one article.
    quote = rng.choice([q for q in quotes if q not in used] or list(quotes))
    name, role = rng.choice([s for s in speakers if s[0] not in used] or list(speakers))
    used.update((quote, name))
    text = quote.format(topic=topic)
    style = rng.randrange(3)
    if style == 0:
        return f'"{text}," said {name}, {role}.'
    if style == 1:
        return f'"{text}," {name}, {role}, told reporters.'
    return f'{name}, {role}, said: "{text}."'


def _ru_quote(rng: random.Random, used: set[str]) -> str:
    quote = rng.choice([q for q in _RU_QUOTES if q not in used] or list(_RU_QUOTES))
    name, role, fem = rng.choice([s for s in _RU_SPEAKERS if s[0] not in used] or list(_RU_SPEAKERS))
    used.update((quote, name))
    if rng.random() < 0.5:
        return f"«{quote}», — {'заявила' if fem else 'заявил'} {name}, {role}."
    return f"{name}, {role}, {'отметила' if fem else 'отметил'}: «{quote}»."


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def generate_body(event: Event, language: str, seed: str, pub: date) -> tuple[str, ...]:
    """Body paragraphs of 150-500 words: the event's lede and detail, filler and quoted speech.

    The lede carries the key terms, so every body mentions them; the filler is drawn without
    repetition from a generator seeded by the article's URL.
    """
    rng = _rng("body", seed)
    target = rng.randint(170, 430)
    used_quotes: set[str] = set()
    if language == "ru":
        assert event.ru is not None
        pool = list(_RU_COMMON)
        rng.shuffle(pool)
        paragraphs = [event.ru.lede, event.ru.detail + " " + pool.pop()]
        while _words(paragraphs) < target and pool:
            if len(paragraphs) % 3 == 2:
                paragraphs.append(_ru_quote(rng, used_quotes))
                continue
            take = min(len(pool), rng.randint(1, 3))
            paragraphs.append(" ".join(pool.pop() for _ in range(take)))
        return tuple(paragraphs)

    topic = event.topic or event.terms[0]
    hard = event.section in HARD_SECTIONS
    pool = list(_EN_COMMON) + list(_EN_HARD if hard else _EN_SOFT)
    rng.shuffle(pool)
    paragraphs = [event.lede, event.detail + " " + _fill(pool.pop(), rng, topic, pub)]
    while _words(paragraphs) < target and pool:
        if len(paragraphs) % 3 == 2:
            paragraphs.append(_en_quote(rng, topic, used_quotes, hard))
            continue
        take = min(len(pool), rng.randint(1, 3))
        paragraphs.append(" ".join(_fill(pool.pop(), rng, topic, pub) for _ in range(take)))
    return tuple(paragraphs)


# Events whose metro-wire story another outlet runs as a wire copy: event key -> that outlet.
WIRE_COPIES: dict[str, str] = {
    "flu": "daily-ledger",
    "housing": "rumour-mill",
    "layoffs": "daily-ledger",
    "fusion": "rumour-mill",
    "jobs-report": "daily-ledger",
}


def _authors(outlet: str, language: str, rng: random.Random) -> tuple[str, ...]:
    if outlet == "vestnik":
        return (rng.choice(_AUTHORS["vestnik-ru" if language == "ru" else "vestnik-en"]),)
    staff = _AUTHORS[outlet]
    two = outlet in ("daily-ledger", "metro-wire") and rng.random() < 0.35
    return tuple(rng.sample(staff, 2 if two else 1))


@lru_cache(maxsize=1)
def all_articles() -> tuple[StoryArticle, ...]:
    """Every article of every outlet, ordered by outlet then publication time."""
    drafts: list[tuple[str, Event, str, str, datetime]] = []
    for event in EVENTS:
        for outlet in event.outlets:
            if outlet == "vestnik":
                language, title = ("ru", event.ru.title) if event.ru else ("en", event.titles["vestnik"])
            else:
                language, title = "en", event.titles[outlet]
            rng = _rng("time", outlet, event.key)
            local = datetime.combine(event.pub_date, time(rng.randint(6, 19), rng.randint(0, 59)))
            drafts.append((outlet, event, language, title, local.replace(tzinfo=OUTLET_TZ[outlet])))
    drafts.sort(key=lambda d: (DEMO_OUTLETS.index(d[0]), d[4], d[1].key))

    articles: list[StoryArticle] = []
    seen_paths: set[str] = set()
    serial = dict.fromkeys(DEMO_OUTLETS, 0)
    for outlet, event, language, title, published in drafts:
        serial[outlet] += 1
        n = serial[outlet]
        ymd = f"{published:%Y/%m/%d}"
        if outlet == "vestnik":
            numeric_id = 51200 + n * 17 + _rng("id", event.key).randint(0, 9)
            path = f"/vestnik/news/{ymd}/{numeric_id}.html"
            section = event.section
        elif outlet == "daily-ledger":
            section = LEDGER_SECTIONS[event.section]
            path = f"/daily-ledger/{section}/{ymd}/{slugify(title)}"
        elif outlet == "metro-wire":
            section = METRO_SECTIONS[event.section]
            path = f"/metro-wire/story/{30400 + n * 23}-{slugify(title, 7)}"
        else:
            section = event.section
            path = f"/rumour-mill/story/{slugify(title, 8)}"
        if path in seen_paths:  # pragma: no cover - guards against a title edit creating a clash
            raise ValueError(f"duplicate demo article path {path}")
        seen_paths.add(path)

        rng = _rng("article", path)
        authors = _authors(outlet, language, rng)
        views = comments = rating = None
        if outlet == "vestnik":
            views = rng.randint(140, 3900)
            comments = 0 if rng.random() < 0.5 else rng.randint(1, 60)
            rating = 0 if rng.random() < 0.6 else rng.randint(-3, 25)
        elif outlet == "rumour-mill":
            comments = rng.randint(0, 420)
        credit = None
        if outlet == "vestnik":
            credit = f"Image source: @ {rng.choice(_PHOTOGRAPHERS['vestnik'])}"
        elif outlet == "daily-ledger":
            credit = f"Photograph: {rng.choice(_PHOTOGRAPHERS['daily-ledger'])}"
        elif outlet == "metro-wire":
            credit = f"Photo: {rng.choice(_PHOTOGRAPHERS['metro-wire'])}"
        if event.key in WIRE_COPIES and outlet in ("metro-wire", WIRE_COPIES[event.key]):
            # The wire's text, run by a second outlet as it came: its own headline, the wire's
            # credit in front, the last paragraph cut for length (near-duplicates, not copies).
            paragraphs = generate_body(event, language, f"wire:{event.key}", event.pub_date)
            if outlet != "metro-wire":
                paragraphs = (f"(Metro Wire) {paragraphs[0]}", *paragraphs[1:-1])
        else:
            paragraphs = generate_body(event, language, path, event.pub_date)
        articles.append(StoryArticle(
            outlet=outlet, event=event, path=path, title=title, language=language, authors=authors,
            published_at=published, paragraphs=paragraphs, description=paragraphs[0],
            views=views, comments=comments, rating=rating, image_credit=credit,
            image=f"/static/img/{outlet}-{abs(hash_path(path)) % 100000:05d}.svg",
            section=section, lifetime=rng.choice((1, 2, 2, 3, 3)),
            popularity=round(event.weight * (0.45 + 0.55 * rng.random()), 4),
        ))
    return tuple(articles)


def hash_path(path: str) -> int:
    """A stable small hash (Python's str hash is salted per process)."""
    value = 0
    for ch in path.encode():
        value = (value * 131 + ch) % 1_000_000_007
    return value


@lru_cache(maxsize=1)
def articles_by_path() -> dict[str, StoryArticle]:
    return {a.path: a for a in all_articles()}


@lru_cache(maxsize=8)
def outlet_articles(outlet: str) -> tuple[StoryArticle, ...]:
    return tuple(a for a in all_articles() if a.outlet == outlet)


def snapshot_time(outlet: str, day: date) -> datetime:
    return datetime.combine(day, time(SNAPSHOT_HOUR, 0)).replace(tzinfo=OUTLET_TZ[outlet])


# Front-page prominence decays with age; the noise makes ranks move from day to day.
_DECAY = (1.0, 0.62, 0.4, 0.25, 0.15)
_MAX_HEADLINES = {"vestnik": 12, "daily-ledger": 15, "metro-wire": 12, "rumour-mill": 11}
_MIN_HEADLINES = 8


def _ranked_stories(outlet: str, day: date) -> list[StoryArticle]:
    """The outlet's front-page stories for a day, most prominent first."""
    candidates = outlet_articles(outlet)

    def age(a: StoryArticle) -> int:
        return (day - a.day).days

    if outlet == "vestnik":
        # A chronological news feed: everything of the last three days, newest first.
        chosen = [a for a in candidates if 0 <= age(a) < 3]
        chosen.sort(key=lambda a: a.published_at, reverse=True)
    else:
        chosen = [a for a in candidates if 0 <= age(a) < a.lifetime]

        def score(a: StoryArticle) -> float:
            return a.event.weight * _DECAY[age(a)] + 0.3 * _rng("rank", outlet, day, a.path).random()

        chosen.sort(key=score, reverse=True)
    if len(chosen) < _MIN_HEADLINES:
        # Slow news days: keep recent stories up longer rather than show a thin page.
        extra = [a for a in candidates if 0 <= age(a) < len(_DECAY) and a not in chosen]
        extra.sort(key=lambda a: a.published_at, reverse=True)
        chosen.extend(extra[: _MIN_HEADLINES - len(chosen)])
    return chosen[: _MAX_HEADLINES[outlet]]


_LEDGER_BLOCKS = (("world", "World"), ("politics", "Politics"), ("business", "Business"),
                  ("science", "Science"), ("sport", "Sport"), ("culture", "Culture"))


def _ledger_headlines(stories: list[StoryArticle]) -> list[PlannedHeadline]:
    """Lead + four secondary stories with images, then section teaser blocks in a fixed order."""
    placed: list[tuple[StoryArticle, str | None, bool, bool]] = []
    for i, story in enumerate(stories[:5]):
        placed.append((story, None, i == 0, True))
    rest = stories[5:]
    leftovers: list[StoryArticle] = []
    for section, name in _LEDGER_BLOCKS:
        members = [s for s in rest if s.section == section]
        if len(members) >= 2:
            placed.extend((s, name, False, False) for s in members[:4])
            leftovers.extend(members[4:])
        else:
            leftovers.extend(members)
    placed.extend((s, "More news", False, False) for s in leftovers)
    return [PlannedHeadline(s, i + 1, block, lead, img) for i, (s, block, lead, img) in enumerate(placed)]


def relative_time(delta: timedelta) -> str:
    """'45 minutes ago', '2 hours ago', '1 day ago' as metro-wire shows them."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minutes ago"
    hours = minutes // 60
    if hours < 24:
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = hours // 24
    return "1 day ago" if days == 1 else f"{days} days ago"


def _recent(outlet: str, day: date, max_age: int) -> list[StoryArticle]:
    return [a for a in outlet_articles(outlet) if 0 <= (day - a.day).days <= max_age]


def _most_read(day: date) -> PlannedBlock:
    scored = []
    for a in _recent("daily-ledger", day, 2):
        age = (day - a.day).days
        hundreds = 8 + int(a.popularity * 420 * _DECAY[age]) + _rng("reads", day, a.path).randint(0, 30)
        scored.append((hundreds * 100, a))
    scored.sort(key=lambda x: (-x[0], x[1].path))
    entries = tuple(
        PlannedEntry(rank=i + 1, title=a.title, url=a.path, href=a.path, count=reads,
                     count_text=f"{reads / 1000:.1f}k reads")
        for i, (reads, a) in enumerate(scored[:8])
    )
    return PlannedBlock("Most read", "ranked", entries)


def _trending(day: date, snapshot: datetime) -> PlannedBlock:
    scored = []
    for a in _recent("metro-wire", day, 2):
        age = (day - a.day).days
        shares = 40 + int(a.popularity * 2600 * _DECAY[age]) + _rng("shares", day, a.path).randint(0, 90)
        scored.append((shares, a))
    scored.sort(key=lambda x: (-x[0], x[1].path))
    entries = tuple(
        PlannedEntry(rank=i + 1, title=a.title, url=a.path, href=a.path,
                     time_text=relative_time(snapshot - a.published_at), count=shares,
                     count_text=f"{shares:,} shares")
        for i, (shares, a) in enumerate(scored[:7])
    )
    return PlannedBlock("Trending", "ranked", entries)


def _popular(day: date) -> PlannedBlock:
    scored = []
    for a in _recent("rumour-mill", day, 3):
        age = (day - a.day).days
        count = int((a.comments or 0) * (0.5 + 0.2 * age)) + _rng("popular", day, a.path).randint(0, 9)
        scored.append((count, a))
    scored.sort(key=lambda x: (-x[0], x[1].path))
    entries = tuple(
        PlannedEntry(rank=i + 1, title=a.title, url=a.path, href=a.path, count=count, count_text=f"({count})")
        for i, (count, a) in enumerate(scored[:6])
    )
    return PlannedBlock("Popular", "ranked", entries)


@lru_cache(maxsize=64)
def vestnik_discussion(day: date) -> PlannedBlock:
    """The "Discussion" sidebar as it stood at 21:00 Moscow time on ``day``.

    Entries show "DD.MM HH:MM" without a year, a comment count and a headline; some are replies
    ('Ответ на "..."', 'Комментарий к "..."'), two are forum threads. Newest first.
    """
    tz = OUTLET_TZ["vestnik"]
    snapshot = snapshot_time("vestnik", day)
    rng = _rng("discussion", day)
    window_start = datetime.combine(day - timedelta(days=2), time(0, 0)).replace(tzinfo=tz)
    raw: list[tuple[datetime, str, str, str, int]] = []  # shown_at, title, url, href, count

    def moment(earliest: datetime) -> datetime:
        start = max(earliest, window_start)
        span = int((snapshot - start).total_seconds() // 60)
        return start + timedelta(minutes=rng.randint(1, max(span - 1, 1)))

    pinned = FORUM_THREADS[0]
    today_start = datetime.combine(day, time(0, 0)).replace(tzinfo=tz)
    raw.append((moment(today_start), pinned.title, pinned.path, pinned.path,
                pinned.base_count + pinned.per_day * (day - date(2026, 11, 3)).days))
    other = rng.choice(FORUM_THREADS[1:])
    raw.append((moment(window_start), other.title, other.path, other.path,
                max(0, other.base_count + other.per_day * (day - date(2026, 11, 3)).days)))

    pool = [a for a in outlet_articles("vestnik") if 0 <= (day - a.day).days <= 2]
    rng.shuffle(pool)
    titles_used = {pinned.title, other.title}
    for article in pool[: rng.randint(6, 8)]:
        kind = rng.random()
        if article.language == "ru" and kind < 0.25:
            title, count, href = f'Ответ на "{article.title}"', rng.randint(0, 3), article.path + "#comments"
        elif article.language == "ru" and kind < 0.4:
            title, count, href = f'Комментарий к "{article.title}"', rng.randint(0, 2), article.path + "#comments"
        else:
            title, count, href = article.title, rng.randint(0, 64), article.path
        if title in titles_used:
            continue
        titles_used.add(title)
        raw.append((moment(article.published_at), title, article.path, href, count))

    raw.sort(key=lambda r: r[0], reverse=True)
    entries = tuple(
        PlannedEntry(rank=i + 1, title=title, url=url, href=href, time_text=f"{shown:%d.%m %H:%M}",
                     count=count, count_text=str(count), shown_at=shown)
        for i, (shown, title, url, href, count) in enumerate(raw)
    )
    return PlannedBlock("Discussion", "list", entries)


@lru_cache(maxsize=64)
def frontpage_plan(outlet: str, day: date) -> FrontPagePlan:
    """What the generator puts on an outlet's front page for a day (markup-independent)."""
    if outlet not in DEMO_OUTLETS:
        raise KeyError(outlet)
    snapshot = snapshot_time(outlet, day)
    stories = _ranked_stories(outlet, day)
    if outlet == "daily-ledger":
        return FrontPagePlan(outlet, day, snapshot, tuple(_ledger_headlines(stories)), (_most_read(day),))
    headlines = tuple(
        PlannedHeadline(s, i + 1, None, is_lead=(i == 0 and outlet != "rumour-mill"),
                        has_image=(outlet == "metro-wire" and i < 4) or (outlet == "vestnik" and i == 0)
                        or outlet == "rumour-mill")
        for i, s in enumerate(stories)
    )
    if outlet == "vestnik":
        blocks: tuple[PlannedBlock, ...] = (vestnik_discussion(day),)
    elif outlet == "metro-wire":
        blocks = (_trending(day, snapshot),)
    else:
        blocks = (_popular(day),)
    return FrontPagePlan(outlet, day, snapshot, headlines, blocks)
