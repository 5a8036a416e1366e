"""The app page's own widgets (Streamlit), built from what geo.criteria and geo.view say a
filter is: app.py lays them out."""
