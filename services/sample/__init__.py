"""The sample district (Maple Hollow School District): one module per tab's part of it, put
together by ``sample_district.build_sample``.
"""
