"""Column dtypes shared by the table schemas (pandas side; Parquet types follow)."""
from typing import Annotated

import pandas as pd
import pyarrow

Date = Annotated[pd.ArrowDtype, pyarrow.date32()]
String = pd.StringDtype
Int64 = pd.Int64Dtype
Int32 = pd.Int32Dtype
PRECISIONS = ["day", "month", "year"]
