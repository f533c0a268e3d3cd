"""Subject and indicator of a figure, one Korean phenomenon per test (invented sentences)."""
from pipeline.extract.subjects import indicator_of, subject_of


def at(s, number):
    i = s.index(number)
    return i, i + len(number)


def subj(s, number, **kw):
    return subject_of(s, "FALLBACK", nstart=at(s, number)[0], **kw)


def ind(s, number, unit, header=None):
    i, j = at(s, number)
    return indicator_of(s, i, j, header, unit)


# ------------------------------------------------------------------ subject ----
def test_topic_phrase_with_possessor_owner_is_the_possessor():
    s = "지난해 허난성의 스마트팜 산업 규모는 812억 위안으로 집계됐다."
    assert subj(s, "812억 위안") == "허난성"
    assert ind(s, "812억 위안", "CNY") == "스마트팜 산업 규모"


def test_time_words_and_adverbs_are_not_subjects():
    s = "올해 상반기 특히 톈진시는 로봇 기업 320개를 새로 유치했다."
    assert subj(s, "320개") == "톈진시"


def test_source_phrase_is_not_the_subject():
    s = "한빛리서치에 따르면 모란전자의 매출은 73억 위안이었다."
    assert subj(s, "73억 위안") == "모란전자"
    assert ind(s, "73억 위안", "CNY") == "매출"


def test_subject_of_a_relative_clause_is_skipped():
    s = "청운연구소가 개발한 물류 앱이 출시 첫 주에 다운로드 순위 2위에 올랐다."
    assert subj(s, "2위") == "물류 앱"


def test_dateline_is_not_the_subject():
    s = "(항저우=새빛통신) 김하늘 기자 = 저장성 전자결제 시장이 지난해 28% 성장했다."
    assert subj(s, "28%").startswith("저장성")


def test_each_clause_has_its_own_topic():
    s = "칭하이성은 3개 단지를 조성했고, 닝보시는 9개 단지를 새로 지정했다."
    assert subj(s, "3개") == "칭하이성"
    assert subj(s, "9개") == "닝보시"


def test_possessor_naming_a_unit_of_the_owner_stays_in_the_subject():
    s = "해오름그룹의 솔빛클라우드(索光云)는 매출 41억 위안을 올렸다."
    assert subj(s, "41억 위안") == "해오름그룹 솔빛클라우드(索光云)"


def test_statement_opening_on_an_entity_without_particle():
    s = "다온페이 지갑 5천만개 돌파"
    assert subj(s, "5천만개") == "다온페이"


def test_a_bare_list_item_takes_the_place_named_in_the_paragraph_lead():
    text = ("□ 추진 목표\n"
            "  ㅇ 시안시는 단계별 목표를 다음과 같이 제시함\n"
            "   - 데이터센터 랙 수 2만 개 확보\n")
    s = "데이터센터 랙 수 2만 개 확보"
    start = text.index(s)
    assert subject_of(s, "제목", nstart=s.index("2만"), text=text, start=start) == "시안시"


def test_without_any_subject_the_document_dominant_place_is_used():
    text = ("창저우시 스마트 물류 계획\n\n창저우시는 물류 거점을 늘린다. 창저우시 정부는 예산을 배정했다.\n\n"
            "□ 목표\n- 무인 배송 차량 1,200대 도입\n")
    s = "무인 배송 차량 1,200대 도입"
    assert subject_of(s, "제목", nstart=s.index("1,200"), text=text, start=text.index(s)) == "창저우시"


def test_previous_sentence_subject_carries_to_a_sentence_without_one():
    text = "바람소프트는 올해 해외 법인을 세웠다. 현재 1,300명이 넘는 직원이 일한다.\n"
    s = "현재 1,300명이 넘는 직원이 일한다."
    assert subject_of(s, "제목", nstart=s.index("1,300"), text=text, start=text.index(s)) == "바람소프트"


def test_without_nstart_the_first_figure_of_the_sentence_is_used():
    assert subject_of("2023년 우시시의 반도체 수출액은 9억 달러였다.", "제목") == "우시시"


# ---------------------------------------------------------------- indicator ----
def test_phrase_right_before_the_number():
    s = "- (1단계, ′27) 양자컴퓨팅 산업 규모 900억 위안, 연구 인력 4만 명 확보"
    assert ind(s, "900억 위안", "CNY") == "양자컴퓨팅 산업 규모"


def test_qualifier_before_the_number_is_skipped():
    s = "누적 결제액 약 310억 위안을 기록했다."
    assert ind(s, "310억 위안", "CNY") == "누적 결제액"


def test_counted_noun_after_the_number():
    s = "플랫폼은 전국에서 5,600 개 이상의 협력사와 18 만 명이 넘는 개발자를 모았다."
    assert ind(s, "5,600 개", "count") == "협력사 수"
    assert ind(s, "18 만 명이 넘는", "persons") == "개발자 수"


def test_counted_number_as_an_argument_takes_the_topic_measure():
    s = "드론 기업 수는 870개를 넘어섰다."
    assert ind(s, "870개", "count") == "드론 기업 수"


def test_change_is_a_rate_of_the_measure_with_its_base():
    s = "모란전자의 영업이익은 전년 대비 12.4% 증가했다."
    assert ind(s, "12.4%", "percent") == "영업이익 전년 대비 증가율"
    s = "수출액은 52억 달러로 8.1% 감소했다."
    assert ind(s, "8.1%", "percent") == "수출액 감소율"


def test_share_of_a_whole():
    s = "디지털 서비스 매출은 GDP의 6.2%를 차지했다."
    assert ind(s, "6.2%", "percent") == "GDP 비중"


def test_rank_is_a_ranking_of_the_scope():
    s = "하이난성의 관광 플랫폼 거래액은 전국 3위에 올랐다."
    assert ind(s, "3위", "rank") == "관광 플랫폼 거래액 전국 순위"


def test_conversion_in_brackets_measures_what_the_outer_figure_measures():
    s = "누적 거래액은 912억 위안(약 17조 원)이었다."
    assert ind(s, "17조 원", "KRW") == ind(s, "912억 위안", "CNY") == "누적 거래액"


def test_owner_inside_the_phrase_is_not_part_of_the_measure():
    s = "바람클라우드 점유율 27%로 선두를 지켰다."
    assert ind(s, "27%", "percent") == "점유율"


def test_table_header_names_the_indicator():
    assert indicator_of("8.42 억 명", 0, 8, "쇼핑 사용자 수", "persons") == "쇼핑 사용자 수"


def test_company_names_ending_like_verb_stems_are_topics():
    s = "올해 2분기 루이팡클라우드는 점유율 14%로 4위에 올랐다."
    assert subj(s, "14%") == "루이팡클라우드"
    s = "원저우는 전자상거래 거래액 310억 위안을 기록했다."
    assert subj(s, "310억 위안") == "원저우"


def test_topic_of_the_clause_with_a_measure_topic_after_it():
    # 'X는 … Y는 N': the later topic only names the measure, the owner is the earlier one
    s = "칭란 물류망은 거점 7곳이 가동 중이며, 누적 배송량은 9억 건을 넘었다."
    assert subj(s, "9억 건") == "칭란 물류망"


def test_a_speaker_topic_does_not_own_a_reported_figure():
    s = "한 중소 증권사는 보고서에서 2027년 하이펑 간편결제의 거래액이 3조 위안에 이를 것으로 내다봤다."
    assert subj(s, "3조 위안") != "한 중소 증권사"


def test_article_heading_names_the_event_of_its_undated_figures():
    text = ("주간 소식 제 12 호\n\n## 1. 라싸서 제 3 회 고원디지털포럼 성공적 개최 — 서장일보\n\n"
            "행사 기간 동안 분과 세션 14개가 열렸다.\n\n"
            "## 2. 【기업분석】 신생기업 하루펑(哈鲁峰)의 성장 전략\n\n지난해 매출은 전년보다 25% 늘었다.\n")
    s = "행사 기간 동안 분과 세션 14개가 열렸다."
    assert subject_of(s, "제목", nstart=s.index("14개"), text=text, start=text.index(s)) == "제 3 회 고원디지털포럼"
    s = "지난해 매출은 전년보다 25% 늘었다."
    assert subject_of(s, "제목", nstart=s.index("25%"), text=text, start=text.index(s)) == "하루펑(哈鲁峰)"


def test_each_figure_after_gakgak_belongs_to_its_own_owner():
    s = "온라인 교육 분야에서도 하늘학당, 별빛에듀의 회원 수는 각각 42%와 75% 늘었다."
    assert subj(s, "42%") == "하늘학당"
    assert subj(s, "75%") == "별빛에듀"
    s = "권역별 물류지수는 서남, 서북, 화중 지역순으로 높아 각각 141.2, 120.7, 98.4였다."
    assert [subj(s, n) for n in ("141.2", "120.7", "98.4")] == ["서남", "서북", "화중 지역"]


def test_adnominal_and_quoted_clauses_are_not_topics():
    s = "같은 시기 연구기관이 참여하는 란팅연맹(LTA)의 회원사도 930곳을 넘어섰다."
    assert subj(s, "930곳") != "같"
    s = "모란전자는 2030년까지 \"세계 1위 배터리 기업\"이 된다는 목표를 내놨다."
    assert subj(s, "1위") == "모란전자"


def test_a_generic_head_or_a_speaker_names_no_owner():
    s = "갈수록 많은 우수 스타트업이 협약을 체결해 640억 위안의 투자를 유치했다."
    assert subj(s, "640억 위안") != "우수"
    s = "한빛은행 총재는 지난달 연설에서 누적 대출액 310억 위안이라는 수치를 내놨다."
    assert "총재" not in subj(s, "310억 위안")


def test_only_an_entity_carries_over_from_the_sentence_before():
    text = ("닝보시의 1분기 GDP는 3,120억 위안이었다. 전반적인 경기 둔화가 불가피했다. "
            "특히 온라인 소매액은 415억 위안으로 12% 늘었다.\n")
    s = "특히 온라인 소매액은 415억 위안으로 12% 늘었다."
    assert subject_of(s, "제목", nstart=s.index("415억"), text=text, start=text.index(s)) == "닝보시"


def test_column_header_without_its_year_and_unit():
    assert indicator_of("12.5", 0, 4, "2023년 수출액(억 달러)", "USD") == "수출액"


def test_a_row_read_as_its_own_header_is_not_the_indicator():
    cell = "• 스마트 농장 보급 지역 38 곳 • 농업 드론 보유 1.2 만 대"
    assert "•" not in indicator_of(cell, cell.index("38"), cell.index("38") + 4, cell, "count")


def test_fallback_indicator_takes_no_other_figure_and_no_owner():
    s = "그 중 란저우시는 19억 위안, 시닝시는 7억 위안을 유치했다."
    got = ind(s, "7억 위안", "CNY")
    assert not any(ch.isdigit() for ch in got) and "란저우" not in got and "시닝" not in got


def test_label_chain_names_every_figure_of_the_chain():
    s = "- 로봇 산업 규모 추이 : 310억 위안(’22) → 520억 위안(′24) → 800억 위안 이상(′26)"
    assert ind(s, "520억 위안", "CNY") == ind(s, "310억 위안", "CNY") == "로봇 산업 규모"


def test_a_count_before_a_verbal_noun_counts_what_the_action_makes():
    s = "- 스마트 물류 거점 40개 구축"
    assert ind(s, "40개", "count") == "거점 구축 수"
    s = "- 국가급 시범 기업 15개"
    assert ind(s, "15개", "count") == "국가급 시범 기업 수"


def test_money_of_a_market_is_its_size():
    s = "중국 스마트홈 시장이 지난해 6천억 위안을 넘어섰다."
    assert ind(s, "6천억 위안", "CNY") == "스마트홈 시장 규모"


def test_a_document_about_one_named_thing_falls_back_to_it():
    body = "".join(f"양자통신망 구간 {i}곳이 개통됐다. " for i in range(9))
    text = "양자통신망 구축 현황\n\n" + body + "\n\n□ 목표\n- 전송 지연 40% 단축\n"
    s = "- 전송 지연 40% 단축"
    assert subject_of(s, "제목", nstart=s.index("40%"), text=text, start=text.index(s)) == "양자통신망"


def test_a_speaker_with_a_title_is_not_the_owner():
    text = "다온페이는 빠르게 크고 있다. 한빛은행 박하준 총재는 지난달 누적 결제액 310억 위안이라는 수치를 내놨다.\n"
    s = "한빛은행 박하준 총재는 지난달 누적 결제액 310억 위안이라는 수치를 내놨다."
    assert subject_of(s, "제목", nstart=s.index("310억"), text=text, start=text.index(s)) == "다온페이"


def test_a_counted_topic_is_the_measure_not_the_owner():
    text = "디지털 엔화 보급이 빨라지고 있다. 디지털 엔화 가맹점은 지난해 말 기준 누적 52만 곳이었다.\n"
    s = "디지털 엔화 가맹점은 지난해 말 기준 누적 52만 곳이었다."
    assert subject_of(s, "제목", nstart=s.index("52만"), text=text, start=text.index(s)) != "디지털 엔화 가맹점"
    s = "허베이성의 데이터센터는 210곳이다."
    assert subj(s, "210곳") == "허베이성"


def test_a_goal_item_naming_no_owner_is_about_what_it_makes():
    s = "- 스마트 양식장 시범 단지 40곳 조성"
    assert subj(s, "40곳") == "스마트 양식장 시범 단지"
    s = "- 전국에 120개 농촌 물류 거점 구축"
    assert subj(s, "120개") == "농촌 물류 거점"


def test_a_share_of_a_population_is_about_the_population():
    s = "향후 5년 동안 중소 제조업체의 70%가 클라우드 ERP를 도입할 것이다."
    assert subj(s, "70%") == "중소 제조업체"
    s = "약 60%의 물류 창고가 자동 분류 설비를 갖출 것이다."
    assert subj(s, "60%") == "물류 창고"


def test_a_table_row_belongs_to_its_label():
    text = "기업\t모델\t규모\n솔빛전자\t다온(多温)\t매개변수 700억 개\n"
    s = "매개변수 700억 개"
    assert subject_of(s, "제목", nstart=s.index("700억"), text=text, start=text.index(s)) == "솔빛전자"


def test_a_subject_marked_with_do():
    s = "루이팡모바일의 윈샤(云霞) 매출도 210억 위안으로 두 배가 됐다."
    assert subj(s, "210억 위안") == "루이팡모바일"
    s = "지역 혁신 선도 기업 12곳이 선정됐다."
    assert subj(s, "12곳") != "지역 혁신"


def test_a_figure_in_brackets_after_a_name_belongs_to_the_name():
    s = "점유율은 솔빛클라우드(23%), 다온클라우드(17%) 순이었다."
    assert subj(s, "17%") == "다온클라우드"
    s = "후발 주자인 창저우가 9억 위안으로 1위에 올랐고, 닝보(4억 2,000만 위안)가 2위로 뒤를 이었다."
    assert subj(s, "2위") == "닝보"


def test_a_frame_names_the_measure_of_the_figures_after_it():
    s = "권역별 물류지수를 보면 서남, 서북 지역순으로 높아 각각 141.2, 120.7이었다."
    assert ind(s, "141.2", "index_points") == ind(s, "120.7", "index_points") == "물류지수"
    s = "수출액만 놓고 보면 후발 주자인 닝보가 9억 달러로 1위에 올랐다."
    assert ind(s, "9억 달러", "USD") == "수출액"


def test_a_list_item_sizing_a_noun_names_it_and_no_indicator_is_ever_empty():
    s = "- 3천만 달러 규모의 신규 펀드 조성"
    n = s.index("3")
    assert "펀드" in indicator_of(s, n, n + len("3천만 달러"), None, "USD")
    bare = "- 45억 위안"  # nothing names the measure: a word for the unit does
    assert indicator_of(bare, 2, len(bare), None, "CNY") == "금액"


def test_a_share_followed_by_a_verb_names_no_population():
    s = "린이시는 2027년까지 스마트공장 비중을 35% 이상으로 끌어올리겠다는 목표를 세웠다."
    assert subj(s, "35%") == "린이시"


def test_a_conversion_in_brackets_is_not_a_name():
    s = "바닷길물산, 옌타이에 물류센터 착공. 투자 규모 6억 달러(약 8,100억 원)"
    assert subj(s, "8,100억 원") != "달러"


def test_gakgak_after_a_list_of_measures_names_no_owners():
    s = "스마트 물류, 전자 결제, 디지털 행정 지수는 각각 41.2, 37.9, 18.4로 집계됐다."
    assert subj(s, "37.9") not in ("전자 결제", "결제", "물류")
    s = "충전소 수와 전기차 등록 대수는 전년 대비 각각 52%, 71% 늘었다."
    assert subj(s, "71%") not in ("전기차 등록 대수", "수")


def test_an_adnominal_after_a_closed_syllable_and_a_compound_particle_are_verbs():
    s = "중개인을 거치지 않는 직거래가 전체 농산물 거래의 70% 이상을 차지한다."
    assert subj(s, "70%") == "직거래"
    s = "해솔그룹에게 있어 딩하이항(定海港)과의 계약은 2억 위안 이상의 의미가 있다."
    assert not subj(s, "2억 위안").startswith("있어")


def test_an_earlier_counted_topic_owns_nothing():
    text = "랴오닝성은 물류 자동화에 속도를 내고 있다. 성 안의 스마트 물류창고는 52곳으로, 이 가운데 무인 창고가 14곳이다.\n"
    s = text[text.index("성 안의"):].strip()
    assert subject_of(s, "제목", nstart=s.index("14곳"), text=text, start=text.index(s)) == "랴오닝성"


def test_a_goal_item_names_what_its_own_clause_makes_before_an_earlier_clause():
    s = "- 수요가 뚜렷하고 효과가 입증된 '스마트 항만' 시범 구역을 12개 건설"
    assert subj(s, "12개") == "스마트 항만 시범 구역"
    s = "- 파급 효과가 큰 농촌 전자상거래 우수 사례 150개 발굴"
    assert subj(s, "150개") == "농촌 전자상거래 우수 사례"


def test_a_figure_sizing_a_noun_belongs_to_the_noun():
    s = "  ② 성 전역에 물류 허브를 짓고, 매년 최대 3억 위안 규모의 ‘물류 쿠폰(物流券)’을 발행"
    assert subj(s, "3억 위안") == "물류 쿠폰(物流券)"
    s = "- 천억 위안 규모의 핵심 부품 기업 30개 사 육성"
    assert subj(s, "천억 위안") == "핵심 부품 기업"


def test_a_kind_of_companies_or_projects_owns_its_figures():
    s = "지난해 스마트 물류 솔루션 기업의 순이익은 812억 위안으로 전년 대비 9.1% 늘었다."
    assert subj(s, "812억 위안") == "스마트 물류 솔루션 기업"
    s = "이번 엑스포에서 계약된 주요 프로젝트는 평균 투자액이 27억 위안이었다."
    assert subj(s, "27억 위안") == "주요 프로젝트"


def test_a_sentence_opening_on_a_subset_takes_what_the_sentence_before_is_about():
    text = ("올해 박람회에서 체결된 핵심 프로젝트는 평균 투자액이 12억 위안이었다. "
            "그 중 30억 위안 이상의 프로젝트가 4개로 집계됐다.\n")
    s = text[text.index("그 중"):].strip()
    assert subject_of(s, "제목", nstart=s.index("4개"), text=text, start=text.index(s)) == "핵심 프로젝트"


def test_an_announcement_sentence_names_the_entity_of_the_figures_after_it():
    text = ("▲2019년 5월 2일 = 난닝에서 '광시·아세안 디지털 무역 교류회' 개최. 현장에서 협약 45건 체결\n"
            "▲2020년 8월 = 샤오미, 난닝에 물류센터 건립 발표. 투자 규모 3억 달러\n")
    s = "현장에서 협약 45건 체결"
    assert subject_of(s, "제목", nstart=s.index("45건"), text=text, start=text.index(s)) == "광시·아세안 디지털 무역 교류회"
    s = "투자 규모 3억 달러"
    assert subject_of(s, "제목", nstart=s.index("3억"), text=text, start=text.index(s)) == "샤오미"


def test_a_quantified_noun_is_a_figure_not_an_owner():
    s = "전시회에는 24 개 해외 바이어가 참석했고, 아세안 회원국 5 개국이 공동관을 꾸렸다."
    assert subj(s, "5 개국") != "해외 바이어"


def test_a_topic_headed_by_a_time_word_owns_nothing():
    text = "모란에너지는 신생 발전사다. 창립 기간은 짧지만 풍력 설비 비중이 55%에 달했다.\n"
    s = text[text.index("창립"):].strip()
    assert subject_of(s, "제목", nstart=s.index("55%"), text=text, start=text.index(s)) == "모란에너지"


def test_a_bare_noun_phrase_announced_as_started_owns_the_figures_after_it():
    text = "▲2021년 = 바이두 란저우 훙산(红山) 데이터센터 2기 가동. 서버 12만 대 수용\n"
    s = "서버 12만 대 수용"
    assert subject_of(s, "제목", nstart=s.index("12만"), text=text, start=text.index(s)) == "바이두 란저우 훙산(红山) 데이터센터"


def test_a_rank_in_apposition_names_its_holder():
    s = "업계 2위 솔빛클라우드가 점유율을 끌어올렸다."
    assert subj(s, "2위") == "솔빛클라우드"
    s = "중국 전기차 시장 올해 25% 성장…비야오 1위 지켜"
    assert subj(s, "1위") == "비야오"


def test_the_same_body_named_again_is_no_owner():
    text = ("한빛경제연구원에 따르면 지난해 베트남 전자결제 시장 규모는 512억 달러였다. "
            "같은 기관은 2027년 시장 규모가 900억 달러에 이를 것으로 내다봤다.\n")
    s = text[text.index("같은 기관"):].strip()
    assert subject_of(s, "제목", nstart=s.index("900억"), text=text, start=text.index(s)) == "베트남"


def test_a_reference_to_the_text_itself_owns_nothing():
    s = "아래 표는 주요 물류단지 9곳의 공개 자료를 정리한 것이다."
    assert subj(s, "9곳") != "아래 표"


def test_a_paragraph_opening_with_a_pronoun_is_about_what_the_paragraph_before_was_about():
    from datetime import date

    from pipeline.extract.metrics import extract_metrics
    text = ("1. 항만 자동화\n\n저장성의 스마트 항만 처리량은 지난해 3억 톤에 달했다.\n"
            "이는 2019년의 2억 톤보다 50% 늘어난 규모다.\n")
    rows = {r["value_text"]: r for r in extract_metrics(text, date(2025, 2, 3), [])}
    assert rows["50%"]["subject"] == "저장성" and rows["3억 톤"]["subject"] == "저장성"


def test_a_headline_names_its_topic_before_the_comma_but_a_list_does_not():
    head = "2. 남부 물류 허브, 처리량 35% 늘어"
    assert subject_of(head, "F", nstart=head.index("35")) == "남부 물류 허브"
    from pipeline.extract.subjects import _headline_topic
    listing = "- 가구, 조명, 주방용품 등의 업종에서 150개 시범 공장 육성"
    assert _headline_topic(listing, listing.index("150")) is None
    sentence = "항저우, 닝보 두 도시의 수출은 지난해 12% 늘었다."
    assert _headline_topic(sentence, sentence.index("12")) is None


def test_counted_companies_that_take_part_are_participants():
    s = "ㅇ 박람회가 우한에서 열려 20개국 450여 개 기업이 참가함."
    n = s.index("450")
    assert indicator_of(s, n, n + len("450여 개"), None, "count") == "참가 기업 수"
    s = "이 도시에는 스타트업 120곳이 있다."
    n = s.index("120")
    assert "참가" not in indicator_of(s, n, n + len("120곳"), None, "count")


def test_a_person_named_after_a_title_is_a_speaker_not_an_owner():
    s = "해양수산부 대변인 박도윤(朴道允)은 \"1분기 항만 물동량이 4억 톤으로 5% 늘었다\"고 밝혔다."
    assert subject_of(s, "F", nstart=s.index("4억")) != "박도윤(朴道允)"
    s = "통계청 관계자 김하람은 \"올해 수출이 20% 늘었다\"고 말했다."
    assert subject_of(s, "F", nstart=s.index("20")) != "김하람"


def doc_subject(text, number):
    """The subject of the number as the extractor asks for it: in its cell or line, with the document."""
    start = text.index(number)
    piece_start = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    piece = text[piece_start:text.find("\n", start)].split("\t")[0]
    return subject_of(piece, "FALLBACK", nstart=start - piece_start, text=text, start=piece_start)


def test_a_table_row_of_a_sector_belongs_to_the_place_its_caption_names():
    text = ("<표 2> 허구시 업종별 매출\n(단위: 억 위안)\n업종\t상반기\n"
            "클라우드 서비스\t420\n가상전자그룹\t95\n")
    assert doc_subject(text, "420") == "허구시"  # a sector row: the caption's place
    assert doc_subject(text, "95") == "가상전자그룹"  # an entity row: the row's own label


def test_a_chinese_gloss_line_over_a_list_is_no_owner():
    text = ("「가상성 데이터 산업 행동계획」\n(假想省数据产业行动计划)\n"
            " - 데이터 기업 800곳 육성\n")
    assert "假想" not in doc_subject(text, "800곳")


def test_a_point_of_view_a_plan_name_or_a_measure_is_no_owner():
    assert subj("허구시는 작년 성과를 공개했다. 기업 측면에서는 신규 등록이 3,100곳이었다.", "3,100곳") != "측면"
    assert subj("가상시 실시방안은 2030년까지 매출 500억 위안을 목표로 제시했다.", "500억 위안") != "실시방안"
    assert subj("새 단지의 연산 능력은 40EFLOPS로 늘었다.", "40EFLOPS") != "연산 능력"


def test_an_interview_answer_label_is_no_owner():
    assert subj('A. "올해 가상거래소의 거래 규모는 70억 위안을 넘었습니다."', "70억 위안") != "A"


def test_items_under_a_schedule_heading_belong_to_what_it_names():
    text = ("▶ 5.12(월) 2031 가상 데이터 포럼\n - 규모 : 사전 등록 인원 약 900명\n\n"
            "▶ 5.14(수) 허구시 로봇연구원 개원\n - 초기 연구 인력은 150명 규모다.\n")
    assert doc_subject(text, "900명") == "2031 가상 데이터 포럼"
    assert doc_subject(text, "150명") == "허구시 로봇연구원"


def test_a_forecast_or_quarter_tag_before_the_number_is_its_period_not_its_measure():
    s = "가상 로봇 시장은 '31F 480억 위안, 2032E 700억 위안으로 커질 전망이다."
    assert "31F" not in ind(s, "480억 위안", "CNY") and "2032E" not in ind(s, "700억 위안", "CNY")
