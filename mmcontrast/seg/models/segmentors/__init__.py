# Copyright (c) mmcontrast contributors. All rights reserved.
