"""The demo's texts: the five seed stories, policies, calls, events and a few short items."""

from __future__ import annotations

# Each story: kind, releasing region, {field_language: text}, extra fields, categories.
SEED_STORIES = [
    {
        "kind": "news",
        "region": "370700",
        "categories": ["associations"],
        "source_language": "en",
        "title_en": "Weifang Association of Cultural Industry founded",
        "title_zh_hans": "潍坊市文化产业协会成立",
        "summary_en": "Directors, president and secretary general were elected at the first "
        "general meeting in the software park of Weifang.",
        "summary_zh_hans": "潍坊市文化产业协会成立大会暨第一次会员大会在潍坊软件园召开。",
        "body_en": "<p>On the afternoon of Dec. 17, the Foundation Meeting of Weifang "
        "Association of Cultural Industry and the 1st General Meeting was held in the software "
        "park of Weifang City.</p><p>The Association integrates the cultural and creative "
        "resources of the whole city, assembles talents and builds an exchange platform "
        "between government and enterprises.</p>",
        "body_zh_hans": "<p>12月17日下午，潍坊市文化产业协会成立大会暨第一次会员大会"
        "在潍坊软件园召开，"
        "现场举手表决选举产生了理事、会长、副会长和秘书长。</p>",
    },
    {
        "kind": "event",
        "region": "210200",
        "categories": ["investment"],
        "source_language": "en",
        "title_en": "First investment promotion conference of Dalian's cultural industry held "
        "in Shanghai",
        "title_zh_hans": "大连文化产业首次专场招商推介会在上海举行",
        "summary_en": "Eight cultural industry parks and ten enterprises of Dalian presented "
        "their projects during the Shanghai·Dalian week.",
        "body_en": "<p>The Dalian cultural industry special investment promotion conference "
        "was held at Courtyard by Marriott Shanghai Puxi, the first time Dalian promoted its "
        "cultural industries in another city.</p>",
        "body_zh_hans": "<p>大连市文化广播影视新闻出版局在上海举办文化产业专场招商推介会，"
        "八个文化产业园区和十家文化企业现场推介。</p>",
        "venue": "Courtyard by Marriott Shanghai Puxi",
    },
    {
        "kind": "news",
        "region": "440300",
        "categories": ["parks"],
        "source_language": "de",
        "title_de": "Forum zur hochwertigen Entwicklung von Kulturindustrieparks abgehalten",
        "title_zh_hans": "文化产业园区高质量发展论坛举办",
        "summary_de": "Unterzeichnung des „Cultural Industry Park Carrying Plan“ auf der 19. "
        "Kulturindustrie-Expo in Shenzhen.",
        "body_de": "<p>Am 8. Juni fand das High Quality Development Forum des Cultural "
        "Industry Park im Shenzhen International Convention and Exhibition Center statt; der "
        "Bezirk 38 Jiayuan unterzeichnete vor Ort einen Kooperationsvertrag.</p>",
        "body_zh_hans": "<p>6月8日，文化产业园区高质量发展论坛暨“文化产业园区携手计划”签约仪式"
        "在深圳国际会展中心举行。</p>",
    },
    {
        "kind": "news",
        "region": "110000",
        "categories": ["services"],
        "source_language": "en",
        "title_en": "Beijing Cultural and Creative Industry Promotion Center: an intermediary "
        "service platform",
        "title_zh_hans": "北京市文化创意产业促进中心搭建中介服务平台",
        "summary_en": "Information, investment and legal consulting, intermediary services "
        "and an authorised certification system; the Center releases industry information.",
        "body_en": "<p>The Center builds an intermediary service platform encompassing "
        "information consulting, investment consulting, legal consulting, intermediary "
        "service, and an authorized certification system, and releases industry "
        "information.</p>",
    },
    {
        "kind": "news",
        "region": "320200",
        "categories": ["trade"],
        "source_language": "en",
        "title_en": "Wuxi hosts a cloud conference for cultural trade",
        "title_zh_hans": "无锡举办文化贸易云端对接会",
        "title_fr": "Wuxi accueille une conférence en ligne sur le commerce culturel",
        "summary_en": "Over 30 foreign investors from 20 countries and about 100 local "
        "cultural firms; the platform Cultural Wuxi Cloud is launched.",
        "summary_fr": "Plus de 30 investisseurs étrangers et une centaine d'entreprises "
        "culturelles locales ; lancement de la plateforme Cultural Wuxi Cloud.",
        "body_en": "<p>Wuxi, the only national cultural export base in East China's Jiangsu "
        "province, hosted a cloud conference on Aug 26. Shenzhen 7Road Technology Co and Wuxi "
        "Studios signed new deals.</p>",
        "body_fr": "<p>Wuxi, seule base nationale d'exportation culturelle de l'est de la "
        "Chine, a accueilli une conférence en ligne le 26 août.</p>",
        "body_zh_hans": "<p>8月26日，无锡举办文化贸易云端对接会，“文化锡云”平台上线。</p>",
    },
]

POLICIES = [
    (
        "320200",
        "无锡市人民政府办公室",
        "锡政办发〔2026〕12号",
        "关于促进文化产业高质量发展的若干政策措施",
        "Measures to promote high-quality development of the culture industry",
        "Maßnahmen zur Förderung einer hochwertigen Entwicklung der Kulturwirtschaft",
    ),
    (
        "110000",
        "北京市文化改革和发展领导小组",
        "京文领发〔2026〕3号",
        "北京市文化创意产业集聚区认定和管理办法",
        "Measures for the identification and administration of Beijing cultural and creative "
        "industry cluster areas",
        "",
    ),
    (
        "210200",
        "大连市文化和旅游局",
        "大文旅发〔2026〕21号",
        "大连市文化产业专项资金管理办法",
        "Administrative measures of the Dalian special fund for the culture industry",
        "",
    ),
    (
        "000000",
        "文化和旅游部",
        "文旅产业发〔2026〕8号",
        "关于推动数字文化产业高质量发展的意见",
        "Opinions on the high-quality development of the digital culture industry",
        "Stellungnahme zur hochwertigen Entwicklung der digitalen Kulturwirtschaft",
    ),
]

# Short items to fill the lists: (kind, region, zh, en, fr, de); empty = untranslated.
SHORT_ITEMS = [
    (
        "news",
        "320200",
        "无锡动漫企业亮相国际动画节",
        "Wuxi animation studios at an international festival",
        "",
        "Animationsstudios aus Wuxi auf einem internationalen Festival",
    ),
    (
        "news",
        "110000",
        "北京发布文化创意产业发展白皮书",
        "Beijing publishes a white paper on the creative industry",
        "Pékin publie un livre blanc sur les industries créatives",
        "",
    ),
    (
        "news",
        "210200",
        "大连文化产业园区入驻率创新高",
        "Record occupancy in Dalian's culture parks",
        "",
        "",
    ),
    (
        "event",
        "320200",
        "无锡文化产业投融资对接会",
        "Wuxi culture finance matchmaking day",
        "Journée de rencontres financières de Wuxi",
        "Finanzierungstag der Kulturwirtschaft in Wuxi",
    ),
    ("event", "110000", "北京国际设计周开幕", "Beijing Design Week opens", "", ""),
    (
        "news",
        "370700",
        "潍坊风筝文化产业集群发展报告",
        "Weifang kite industry cluster report",
        "",
        "",
    ),
    (
        "news",
        "000000",
        "全国文化产业统计数据发布",
        "National culture industry figures released",
        "Publication des chiffres nationaux des industries culturelles",
        "Nationale Zahlen der Kulturwirtschaft veröffentlicht",
    ),
    (
        "news",
        "320200",
        "工业设计园新增二十家设计企业",
        "Twenty design firms join the industrial design park",
        "",
        "",
    ),
]
