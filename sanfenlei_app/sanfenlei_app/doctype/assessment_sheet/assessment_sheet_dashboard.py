def get_data():
	return {
		"fieldname": "sheet",
		"transactions": [{"label": "部门评议意见", "items": ["Evaluation Opinion"]}],
	}
