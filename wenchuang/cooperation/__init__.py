"""Park cooperation: pairing parks across regions (the Carrying Plan) and its follow-up."""
