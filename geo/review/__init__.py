"""The review loop: from an article to reviewed data, with who did what (`history`), who may
(`people`, team roles) and a second pair of eyes (sign-off). Both faces, the command line
(`geo.cli`) and the app's review desk (`geo.app`), call these modules; none imports Streamlit.
"""
