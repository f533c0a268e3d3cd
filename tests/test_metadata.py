"""Publication date, title and publisher from a document's header lines.

Every header here is invented (outlets, titles, people, dates); none is copied from the
seeds or the development corpus."""
from datetime import date

import pytest

from pipeline.extract.metadata import read_metadata

BODY = ("\n\n항저우시는 2019년 디지털 산업 육성 계획을 발표했다. 시 정부는 2019년 성과가 컸다고 밝혔다. "
        "관련 기업 수는 2019년 말 기준 1,200곳에 이른다고 시 경제정보화국이 설명했다.\n")


def meta_of(header: str, body: str = BODY):
    return read_metadata(header + body)


def when(meta):
    return meta.published_date, meta.published_precision, meta.published_from


# --- dates -------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "2024.03.15",
    "2024.03.15.",
    "2024년 3월 15일 발행",
    "2024년 3월 15일(금)",
    "입력 2024.03.15 10:23",
    "기사입력 : 2024-03-15 오전 10:23",
    "2024.03.15 (금)",
    "2024-03-15 14:22:01",
    "게재 일자 : 2024년 03월 15일",
    "게재일 2024.03.15",
    "발행일 : 2024. 3. 15.",
    "등록일 2024-03-15",
    "기사등록일 2024/03/15 08:00",
    "작성일 : 2024-03-15",
    "송고시간 2024-03-15 17:05",
    "자료원 : 2024.3.15",
    "기사승인 2024.03.15 06:30",
    "등록 2024.03.15 14:00 | 수정 2024.03.16 09:00",
    "수정 2024.03.16 09:00 | 입력 2024.03.15 14:00",
    "강소연 기자 | 입력 2024.03.15 10:23",
    "제 12 호 | 2024.03.15",
    "서해산업연구원 디지털팀 | 2024. 3. 15.",
    "분류 : 산업동향   작성일 : 2024-03-15   조회 : 311",
    "Posted on March 15, 2024",
])
def test_header_date_forms_give_the_publication_day(line):
    meta = meta_of("항저우 디지털 산업 새 지원책 나온다\n" + line)
    assert when(meta) == (date(2024, 3, 15), "day", "header")


def test_the_input_date_wins_over_a_modification_date_written_first():
    meta = meta_of("선양시 데이터센터 입찰 공고\n최종수정 2022-09-02 11:00\n최초입력 2022-09-01 08:59")
    assert when(meta) == (date(2022, 9, 1), "day", "header")


def test_a_modification_date_serves_when_it_is_the_only_one():
    meta = meta_of("선양시 데이터센터 입찰 공고\n수정 2022-09-02 11:00")
    assert when(meta) == (date(2022, 9, 2), "day", "header")


@pytest.mark.parametrize("line,expected", [
    ("2021년 12월호", date(2021, 12, 1)),
    ("Vol. 7 2022.07", date(2022, 7, 1)),
    ("통권 34호 · 2023년 4월", date(2023, 4, 1)),
])
def test_a_monthly_issue_gives_the_month(line, expected):
    meta = meta_of("중국 스마트시티 브리핑\n" + line)
    assert when(meta) == (expected, "month", "header")


def test_an_issue_number_with_a_year_is_not_a_month():
    meta = meta_of("중국 스마트시티 브리핑 2022-05호")
    assert when(meta) == (date(2019, 1, 1), "year", "inferred")


def test_a_sentence_that_starts_with_a_date_is_not_a_header():
    meta = meta_of("2024년 3월 15일 우한시는 새 계획을 발표했다.")
    assert when(meta) == (date(2019, 1, 1), "year", "inferred")


def test_a_dated_bullet_of_a_chronology_is_not_a_header():
    meta = meta_of("우한 광통신 산업 20년\n▲2015년 6월 3일 = 우한 광통신 산업단지 착공\n▲2018년 9월 = 1기 준공")
    assert meta.published_from == "inferred"


def test_a_site_registration_date_in_the_footer_is_not_the_publication():
    meta = meta_of("청두 AI 컴퓨팅센터 가동\n(주)서녘미디어 | 등록번호 경기 아00123 | 등록일자 2011.04.05")
    assert meta.published_from == "inferred"


def test_year_only_inference_is_the_last_resort():
    meta = meta_of("충칭 자율주행 시범구 확대")
    assert when(meta) == (date(2019, 1, 1), "year", "inferred")


def test_no_year_at_all_gives_no_date():
    meta = read_metadata("충칭 자율주행 시범구 확대\n\n충칭시가 시범구를 넓힌다고 밝혔다.")
    assert when(meta) == (None, None, None)


# --- datelines and publishers ------------------------------------------------------------
def test_a_dateline_takes_the_year_the_text_speaks_from():
    meta = read_metadata("[인민망 청두 9월3일] 청두시가 2022년 계획을 발표했다. 2022년 목표는 크다.")
    assert (meta.published_date, meta.publisher, meta.published_from) == (date(2022, 9, 3), "인민망", "dateline")
    assert meta.title is None  # the text opens with its lead, there is no headline


@pytest.mark.parametrize("lead,outlet", [
    ("(광저우=연합뉴스) 한상철 특파원 = 광저우시가 드론 배송 시범을 시작했다.", "연합뉴스"),
    ("【상하이=동방통신】 상하이시가 드론 배송 시범을 시작했다.", "동방통신"),
    ("(선전=로이터/한빛뉴스) 선전시가 드론 배송 시범을 시작했다.", "한빛뉴스"),
])
def test_the_dateline_agency_is_the_publisher(lead, outlet):
    meta = read_metadata("포털뉴스\n드론 배송, 광둥성 전역으로\n입력 2023.02.11 09:00\n\n" + lead + BODY)
    assert meta.publisher == outlet
    assert meta.title == "드론 배송, 광둥성 전역으로"


def test_a_place_and_reporter_byline_is_not_an_outlet():
    meta = meta_of("남해일보\n선전 로봇 기업 상장 러시\n선전=문지호 특파원\n입력 2023.02.11 09:00")
    assert meta.publisher == "남해일보"


def test_an_outlet_before_a_reporter_name_is_the_publisher():
    meta = meta_of("선전 로봇 기업 상장 러시\n동서경제신문 문지호 기자\n2023.02.11")
    assert meta.publisher == "동서경제신문"


def test_the_labelled_issuer_is_the_publisher():
    meta = meta_of("디지털 차이나 위클리 제 9 호\n2023.02.11\n발행처 : 아시아데이터포럼\n편집 : 정책분석팀")
    assert (meta.title, meta.publisher) == ("디지털 차이나 위클리 제 9 호", "아시아데이터포럼")


def test_the_copyright_holder_serves_when_nothing_else_names_the_issuer():
    meta = meta_of("중국 핀테크 동향 제 5 호\n2023.02.11\n'중국 핀테크 동향'의 저작권은 '한중금융포럼'에 있습니다.")
    assert meta.publisher == "한중금융포럼"


def test_a_footer_copyright_line_names_the_outlet():
    body = BODY * 30 + "\n<저작권자 ⓒ 동녘타임즈, 무단전재 및 재배포 금지>\n"
    meta = read_metadata("톈진항 스마트 물류 전환\n입력 2023.02.11\n" + body)
    assert meta.publisher == "동녘타임즈"


def test_a_source_the_text_cites_is_not_the_publisher():
    meta = meta_of("새빛경제\n중국 배터리 수출 사상 최대\n입력 2023.02.11\n자료: 중국 해관총서\n원문 출처: 베이징청년보")
    assert meta.publisher == "새빛경제"


@pytest.mark.parametrize("line,who", [
    ("주광저우 대한민국 총영사관", "주광저우 대한민국 총영사관"),
    ("KOTRA 우한무역관", "KOTRA 우한무역관"),
    ("경제동향 | 서해산업연구원", "서해산업연구원"),
])
def test_an_agency_or_embassy_in_the_header_is_the_publisher(line, who):
    meta = meta_of("후베이성 광전자 산업 현황\n" + line + "\n2023.02.11")
    assert (meta.title, meta.publisher) == ("후베이성 광전자 산업 현황", who)


# --- titles ------------------------------------------------------------------------------
def test_page_chrome_is_skipped_to_find_the_headline():
    header = "\n".join([
        "본문 바로가기", "로그인 | 회원가입", "글자크기 가+ 가-", "大字体 小字体", "새빛경제",
        "전체기사  정치  경제  산업  국제  오피니언", "홈 > 국제 > 중국", "기사 공유",
        "쑤저우 산업단지, 반도체 패키징 허브로", "공유 | 인쇄 | 스크랩", "입력 2023.02.11 09:00",
    ])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("쑤저우 산업단지, 반도체 패키징 허브로", "새빛경제")
    assert when(meta) == (date(2023, 2, 11), "day", "header")


def test_a_section_label_above_the_headline_is_not_the_title():
    meta = meta_of("서해일보\n연재 · 대륙의 공장\n\n닝보항 자동화 부두, 하역 효율 30% 높였다\n기사승인 2023.02.11 06:00")
    assert (meta.title, meta.publisher) == ("닝보항 자동화 부두, 하역 효율 30% 높였다", "서해일보")


def test_a_short_kicker_above_a_longer_headline_is_skipped():
    meta = meta_of("[현장 르포]\n정저우 폭스콘 공장 앞, 다시 줄이 늘어섰다\n2023.02.11")
    assert meta.title == "정저우 폭스콘 공장 앞, 다시 줄이 늘어섰다"


def test_a_page_title_drops_the_site_name():
    meta = meta_of("톈진 수소차 보급 1만 대 돌파 | 동녘뉴스\n2023.02.11")
    assert (meta.title, meta.publisher) == ("톈진 수소차 보급 1만 대 돌파", "동녘뉴스")


def test_a_series_line_gives_way_to_the_headline_that_follows_its_header():
    meta = meta_of("해외 정책 번역 시리즈 2022-07호\n서해산업연구원 | 2022. 6. 30.\n\n「스마트 제조 발전 규획」 요약")
    assert (meta.title, meta.publisher) == ("「스마트 제조 발전 규획」 요약", "서해산업연구원")
    assert when(meta) == (date(2022, 6, 30), "day", "header")


def test_a_newsletter_with_contents_keeps_its_masthead_as_title():
    header = "\n".join(["중국 녹색산업 레터 제 21 호", "2023.02.11", "발행처 : 녹색전환포럼", "",
                        "이번 호 차례", "1. 풍력 설비 수출 동향", "2. 탄소시장 거래량 점검"])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("중국 녹색산업 레터 제 21 호", "녹색전환포럼")


def test_a_headline_ending_like_a_report_sentence_is_still_a_headline():
    meta = meta_of("푸젠성 해상풍력 발전량 두 배로…설비 국산화는 걸음마\n입력 2023.02.11")
    assert meta.title == "푸젠성 해상풍력 발전량 두 배로…설비 국산화는 걸음마"


def test_subtitles_and_bullets_under_the_headline_are_not_the_title():
    meta = meta_of("샤먼시, 블록체인 시범구 2단계 착수\n\n- ′25년까지 관련 기업 500곳 유치 목표 -\n작성일 : 2023-02-11")
    assert meta.title == "샤먼시, 블록체인 시범구 2단계 착수"


def test_an_outlet_left_of_the_reporter_in_a_bracket_is_the_publisher():
    meta = read_metadata("[남강일보 항저우=서하늘 특파원] 항저우시가 2023년 데이터 거래 규정을 발표했다. 2023년 하반기 시행.")
    assert (meta.title, meta.publisher) == (None, "남강일보")


def test_a_bracketed_place_and_day_names_no_agency():
    meta = read_metadata("(난징 4월 2일) 난징시가 2022년 스마트 교통 계획을 발표했다. 2022년 안에 착공한다.")
    assert meta.publisher is None
    assert when(meta) == (date(2022, 4, 2), "day", "dateline")


def test_a_portal_page_gives_the_outlet_not_the_portal():
    header = "\n".join(["포털 뉴스", "새벽경제", "우시 반도체 공장 증설 확정", "입력2024.04.09. 오후 2:15  수정2024.04.09. 오후 3:02",
                        "기사원문", "구독", "공감", "글자 크기 변경하기", "SNS 보내기", "인쇄하기"])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("우시 반도체 공장 증설 확정", "새벽경제")
    assert when(meta) == (date(2024, 4, 9), "day", "header")


def test_a_press_release_names_the_ministry_and_its_release_time():
    header = "\n".join(["보도자료", "보도시점 2023. 9. 12.(화) 12:00", "배포 2023. 9. 11.(월)", "디지털통상협력부",
                        "한중 데이터 협력 실무회의 개최", "- 양국, 공동연구 과제 선정 -"])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("한중 데이터 협력 실무회의 개최", "디지털통상협력부")
    assert when(meta) == (date(2023, 9, 12), "day", "header")


def test_a_short_page_notice_before_the_headline_is_neither_title_nor_body():
    meta = meta_of("로그인하면 더 볼 수 있습니다.\n창저우 태양광 단지 준공\n2023.02.11")
    assert meta.title == "창저우 태양광 단지 준공"


def test_a_newsletter_title_is_not_taken_for_a_kicker_of_its_subtitle():
    meta = meta_of("차이나 소비 인사이트\n중국 소비시장 3분기 결산과 전망\n2023.10.05")
    assert meta.title == "차이나 소비 인사이트"


def test_a_board_post_drops_the_title_label():
    meta = meta_of("제목 : 중국 로봇 산업 동향과 시사점\n작성자 : 관리자 | 등록일 : 2023-05-30 | 조회수 : 12")
    assert meta.title == "중국 로봇 산업 동향과 시사점"
    assert when(meta) == (date(2023, 5, 30), "day", "header")


def test_a_chinese_site_date_and_label():
    meta = meta_of("동북아망 한국어판\n中 디지털 무역 규모 2조 달러 돌파\n2023年05月30日08:59  发布：동북아망")
    assert when(meta) == (date(2023, 5, 30), "day", "header")
    assert meta.publisher == "동북아망"


def test_an_event_date_in_an_announcement_is_not_the_publication():
    header = "제5회 한중 스마트시티 포럼 개최 안내\n일시 : 2023년 6월 1일(목) 14:00\n장소 : 부산 벡스코\n주최 : 해양도시협회"
    meta = read_metadata(header + "\n해양도시협회는 2023년 6월 1일 부산에서 제5회 포럼을 개최한다고 밝혔다. 많은 참석 바란다.")
    assert when(meta) == (date(2023, 1, 1), "year", "inferred")
    assert meta.publisher != "주최 : 해양도시협회"


def test_a_markdown_scrape_keeps_link_texts_and_skips_link_chrome():
    header = "\n".join(["![로고](https://example.kr/logo.png)", "[동쪽바다뉴스](https://example.kr/)",
                        "[홈](/) > [국제](/intl) > [중국](/intl/cn)", "https://example.kr/news/123",
                        "# 하이난 자유무역항, 데이터 국경 간 이동 시범", "입력 2024.01.08 07:30"])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("하이난 자유무역항, 데이터 국경 간 이동 시범", "동쪽바다뉴스")
    assert when(meta) == (date(2024, 1, 8), "day", "header")


def test_a_newsletter_without_a_headline_is_titled_by_its_masthead_line():
    text = ("[월간 남해 데이터 노트] 제12호 | 2024년 6월 3일 발행\n발행: 바다정책연구소\n\n"
            "1. 항만 물류 플랫폼, 처리량 20% 늘어\n\n남해항의 스마트 물류 플랫폼은 지난달 처리량이 크게 늘었다고 밝혔다.\n")
    meta = read_metadata(text)
    assert (meta.title, meta.publisher, meta.published_date) == ("월간 남해 데이터 노트", "바다정책연구소", date(2024, 6, 3))


def test_a_masthead_line_that_is_only_a_body_and_a_date_names_no_title():
    meta = read_metadata("나래정보연구원\n2023.06.01\n\n중국 클라우드 시장은 지난해 크게 커졌다고 업계가 전했다.\n")
    assert meta.title is None and meta.publisher == "나래정보연구원"


# --- header styles the reader was not tuned on ---------------------------------------------
@pytest.mark.parametrize("chrome", [
    "마이페이지   회원가입   로그인   English   상담전화 1577-3300",  # a menu: short items, a phone number
    "알림마당 | 기관소개 | 정보공개 | 고객지원",
    "한중서남지역경제정보포털 > 산업정보 > 지역별 심층 리포트",  # a breadcrumb rooted at the site's name
    "══════════════════════════════",  # a rule with no letters
    "----------",
])
def test_page_chrome_of_other_sites_is_not_the_headline(chrome):
    meta = meta_of("\n".join([chrome, "구이저우 빅데이터 단지, 전력 요금 인하로 입주 몰려", "2024.10.02"]))
    assert meta.title == "구이저우 빅데이터 단지, 전력 요금 인하로 입주 몰려"


def test_a_press_release_label_names_the_issuer_and_the_headline_follows():
    header = "\n".join(["난닝시 상무국 보도자료", "배포일: 2024년 11월 5일(화)   담당: 전자상거래과   문의: 0771-555-0102",
                        "※ 이 자료는 참고용 한국어 번역이며, 해석이 다를 경우 원문을 따릅니다.", "",
                        "난닝 국경간 전자상거래 수출 40% 늘어…아세안 물류망 효과"])
    meta = meta_of(header)
    assert (meta.title, meta.publisher) == ("난닝 국경간 전자상거래 수출 40% 늘어…아세안 물류망 효과", "난닝시 상무국")
    assert when(meta) == (date(2024, 11, 5), "day", "header")


def test_an_editor_credited_without_a_colon_is_the_publisher():
    meta = meta_of("[주간 일정] 이번 주 중국 반도체 행사 (5.6~5.12)\n등록 2024.05.06 09:00 | 편집 동아시아칩포털 편집팀 | 조회 88")
    assert (meta.title, meta.publisher) == ("[주간 일정] 이번 주 중국 반도체 행사 (5.6~5.12)", "동아시아칩포털")


def test_a_subtitle_about_a_government_is_not_the_publisher():
    header = "\n".join(["=========================", "서부 디지털 정책 레터  No. 8",
                        "중국 성급 정부 데이터 산업 지원책 분석 | 2024년 9월호 (발행 2024.09.20)",
                        "남해정책연구원 산업분석실", "========================="])
    meta = meta_of(header)
    assert meta.title == "서부 디지털 정책 레터  No. 8"
    assert meta.publisher == "남해정책연구원"
    assert when(meta) == (date(2024, 9, 20), "day", "header")


def test_a_newsletter_masthead_names_its_issuer_and_gives_way_to_a_headline():
    meta = meta_of("서해경제연구원 뉴스레터 제12호\n2024.05.02\n중국 배터리 재활용 시장 급성장…규제 정비 잇따라")
    assert (meta.title, meta.publisher) == ("중국 배터리 재활용 시장 급성장…규제 정비 잇따라", "서해경제연구원")
    meta = meta_of("한중물류협회 소식지 Vol. 7\n2024.05.02\n\n1. 항만 물류 동향")
    assert (meta.title, meta.publisher) == ("한중물류협회 소식지 Vol. 7", "한중물류협회")
