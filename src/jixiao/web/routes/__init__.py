"""The workbench\x27s routers (路由), one job each."""
