"""Articles of our own that tests add to a corpus (as an operator uploads one)."""

# a short news item in the corpus's style, about something no seed article mentions
FESTIVAL = ("许昌举办首届环湖骑行节\n\n本报讯 11月22日，许昌市首届环湖骑行节在鹿鸣湖畔开幕，由许昌市体育局主办，"
            "共有3200名骑行爱好者参加。骑行线路全长28公里，沿途设置12个文明服务点。\n")
