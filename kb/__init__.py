"""jixiao-kb: the knowledge base of budget performance goal tables (绩效目标知识库)."""

__version__ = "0.1.0"
